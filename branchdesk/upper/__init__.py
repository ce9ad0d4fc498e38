"""The upper level (上级汇总): an archive that enrols branches' public keys, imports their
signed bundles and shows every branch's records and a cross-branch dashboard. Qt-free.

Mode. An archive is a branch archive or an upper archive, chosen at creation
(``branchdesk init --upper --name 某某镇党委``, or ``archive.upper.create(name, code)``
on an empty archive) and fixed afterwards. ``archive.mode`` is ``"branch"`` or
``"upper"``. On an upper archive every branch-only action (``archive.branch.own()``
and everything built on it, every branch CLI command) raises ``WrongMode`` with a
Chinese message; on a branch archive every ``archive.upper`` method below (except
``create`` / ``is_upper`` / ``organisation_or_none``) raises ``WrongMode`` too.

API for the windows (``archive.upper``)::

    upper.is_upper -> bool;  upper.organisation() -> {"name", "code"}
    # enrolment (the user types the fingerprint read from paper)
    upper.read_card(path) -> card (branch_name, branch_code, branch_uid, fingerprint) to show first
    upper.enrol(card_path, confirmed_fingerprint, replace_reason="") -> EnrolResult(outcome, branch, message)
        outcome: "enrolled" | "unchanged" (same key again) | "replaced" (needs replace_reason)
    upper.branches(search="") -> [EnrolledBranch]   # name, code, fingerprint, bundles, last_sequence,
                                                    # last_years, last_imported_at, last_gap, gaps, has_gap
    upper.branch(id) / upper.find_branch("名称或代码") -> EnrolledBranch
    # bundles: run import in a worker (ui/workers.py); progress(done, total, text) may raise to cancel
    upper.verify(path, password=None) -> VerifiedBundle           # touches nothing; BundleRefused on a fault
    upper.import_bundle(path, password=None, progress=None, cancel=None) -> ImportResult
        outcome "imported" | "unchanged" (已导入，未作更改); .gap > 0 when bundles are missing;
        every refusal is the reader's BundleRefused (its .code and message) and nothing changed
    upper.bundles(branch_id) -> [dict]  # every bundle imported for the branch, newest first
    # read-only browser: branch → year → category → record → fields
    upper.years(branch_id) -> [int]
    upper.categories(branch_id, year) -> [Category(key, label, count)]
        keys: meeting:general … meeting:other, life, appraisal, rectification, target, talk
        (``upper.records(branch_id, None, "member" | "group")`` lists the roster and groups)
    upper.records(branch_id, year, category) -> [RecordSummary(id, title, date, state, state_label, superseded)]
    upper.record(record_id, show_id_numbers=False) -> RecordView(title, fields=[(label, value)], children=[ChildTable])
        ChildTable(key, label, columns, rows, sensitive): ask for the app password before a sensitive one
    upper.files(branch_id) -> [StoredFile(name, kind, year, sha256, size, path)]
    upper.year_pdf(branch_id, year) -> Path | None    # the branch's yearly archive PDF, to open
    # dashboard: one row per branch × month, filtered and sorted in SQL
    upper.dashboard(year, today=None, search="", only_behind=False, months=(1, 12),
                    sort="branch_name", descending=False) -> Dashboard
        Dashboard.columns -> [DashboardColumn(key, label)]; Dashboard.rows -> [DashboardRow]
        DashboardRow.text(key) -> the cell as shown; row.behind; sort keys = column keys
    upper.export_dashboard(board, "F.xlsx" | "F.pdf") -> Path

CLI: ``branchdesk upper enrol|branches|import|verify|dashboard|show`` (commands/upper.py).
"""


__all__ = ["UpperManager", "WrongMode"]


def __getattr__(name: str):
    # Loaded on first use (issue 18): ``archive.mode`` reads upper/mode.py, which must not
    # pull in the manager and its models for a branch's command.
    if name == "UpperManager":
        from .manager import UpperManager

        return UpperManager
    if name == "WrongMode":
        from .mode import WrongMode

        return WrongMode
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
