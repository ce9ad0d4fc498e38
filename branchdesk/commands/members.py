"""``members import|export|list|show|status``: the roster from the command line."""

from __future__ import annotations

from .. import clock
from ._common import out_path


def register(subparsers) -> None:
    members = subparsers.add_parser("members", help="党员名册：导入、导出、列出、查看、记录状态变化")
    actions = members.add_subparsers(dest="members_action", metavar="操作", required=True)

    importer = actions.add_parser("import", help="从 .xlsx、.xls 或 .csv 导入党员（全部成功或全部不导入）")
    importer.add_argument("file", help="名册文件（.xlsx 或 .csv，须含完整身份证号码；打码导出的名册不能导入）")
    importer.add_argument("--dry-run", action="store_true", help="只检查，不导入（并列出读取了哪些列、略过了哪些列）")
    importer.set_defaults(handler=run_import)

    exporter = actions.add_parser("export", help="导出党员名册为 .xlsx 或 .csv（身份证号码默认打码）")
    exporter.add_argument("file", nargs="?", help="roster.xlsx 或 roster.csv（CSV 为 UTF-8，Excel/WPS 可直接打开）；"
                          "不写时存入档案库的 exports 文件夹：党员名册（年月日）.xlsx")
    ids = exporter.add_mutually_exclusive_group()
    ids.add_argument("--full-id", action="store_true", help="写出完整的身份证号码（请妥善保管文件）")
    # Masking is the default; the old option stays accepted so existing scripts keep working.
    ids.add_argument("--mask-id", action="store_true", help="身份证号码打码（默认即如此）")
    exporter.add_argument("--all", action="store_true", help="包括已转出、已去世等")
    exporter.set_defaults(handler=run_export)

    lister = actions.add_parser("list", help="列出在册党员")
    lister.add_argument("--search", default="", help="按姓名、电话、岗位或身份证号查找")
    lister.set_defaults(handler=run_list)
    from ._history import run_members_show

    show = actions.add_parser("show", help="一名党员的信息和党员状态变化（转正、转出、流动……）")
    show.add_argument("name", help="姓名")
    show.add_argument("--json", action="store_true", help="以 JSON 输出")
    show.set_defaults(handler=run_members_show)
    status = actions.add_parser("status", help="记录党员状态变化（去世、停止党籍、转正……；转出请用 transfers out）")
    status.add_argument("name", help="姓名")
    status.add_argument("to", help="新的党员状态：正式党员、预备党员、流动党员、停止党籍、已去世、取消资格")
    status.add_argument("--date", required=True, help="实际变化的日期（去世的写去世日期），如 2026-11-28")
    status.add_argument("--reason", required=True, help="状态变更原因，如：因病去世")
    status.set_defaults(handler=run_status)
    from ._member_file import register as register_file

    register_file(actions)


def run_import(args, ctx) -> int:
    from ..roster import files as roster_io
    from ..text import sentences

    with ctx.open_archive() as archive:
        checked = roster_io.preview(archive, args.file)
        for note in checked.notes:
            ctx.out(note)
        if args.dry_run:
            for line in checked.column_lines:
                ctx.out(line)
        for row in checked.bad_rows:
            ctx.out(f"第 {row.row_number} 行（{row.form.name or '无姓名'}）：{sentences(row.problems)}")
        if checked.bad_rows:
            ctx.out(f"共 {len(checked.rows)} 行，其中 {len(checked.bad_rows)} 行有问题。请改正后再导入，本次未导入任何人。")
            return 1
        if checked.new_groups:
            ctx.out(f"将新建党小组：{'、'.join(checked.new_groups)}")
        if args.dry_run:
            ctx.out(f"检查通过：{len(checked.rows)} 名党员可以导入（--dry-run，未导入）。")
            return 0
        ids = roster_io.apply(archive, checked)
        ctx.out(f"已导入 {len(ids)} 名党员。")
    return 0


def run_export(args, ctx) -> int:
    from .. import export_names
    from ..roster.export import export_roster, id_note

    with ctx.open_archive(read_only=False) as archive:
        ids = archive.members.query_ids(statuses=None if args.all else archive_statuses())
        out = out_path(archive, args.file, export_names.roster(clock.today()), ".xlsx")
        path = export_roster(archive.members.records(ids), out, archive.branch.own().name, args.full_id)
    ctx.out(f"已导出 {len(ids)} 名党员：{path}。{id_note(args.full_id)}")
    return 0


def run_list(args, ctx) -> int:
    with ctx.open_archive() as archive:
        for record in archive.members.records(archive.members.query_ids(text=args.search)):
            ctx.out(
                f"{record.name}\t{record.gender_label}\t{record.masked_id}\t{record.status_label}\t{record.group_name}"
            )
    return 0


def run_status(args, ctx) -> int:
    """The hand change of docs/domain.md §1 (党员状态的变更): its day and reason, never 已转出."""
    from .. import labels
    from ._common import choice_arg, date_arg, member_arg

    with ctx.open_archive() as archive:
        member_id, name = member_arg(archive, args.name, "姓名", allow_other=False)
        status = choice_arg(args.to, labels.MEMBER_STATUSES, "党员状态")
        day = date_arg(args.date, "日期")
        archive.members.change_status(member_id, status, day, args.reason)
        ctx.out(f"已记录：{name} {day:%Y-%m-%d} 起为「{labels.label(labels.MEMBER_STATUSES, status)}」（{args.reason.strip()}）。")
    return 0


def archive_statuses():
    from ..labels import ACTIVE_STATUSES

    return ACTIVE_STATUSES
