"""The files of ``recruit …``: the papers (纪实表, 公示, 台账), the 公示 setting, and the
import of people already in the pipeline with its template (docs/domain.md §11)."""

from __future__ import annotations

from ..errors import ValidationError
from ..recruit import BY_KEY
from ..roster import idnumber
from ..text import clean_name, quoted
from . import _app_password
from ._common import date_arg, out_path, report_paper


def person_arg(archive, text: str) -> int:
    """A person by ID number or by name (one only)."""
    text = (text or "").strip()
    number = idnumber.normalise(text)
    if number[:17].isdigit() and len(number) == 18:
        matches = [pid for pid in archive.recruit.person_ids() if archive.recruit.dossier(pid).id_number == number]
    else:
        matches = archive.recruit.find(text)
    if not matches:
        raise ValidationError("person", "missing", f"没有{quoted(clean_name(text))}的发展档案，请核对姓名，或先用 recruit add 建档。")
    if len(matches) > 1:
        raise ValidationError("person", "ambiguous", f"有 {len(matches)} 份{quoted(text)}的发展档案，请改用身份证号码。")
    return matches[0]


NOTICE_KIND_WORDS = {"发展对象": "candidate", "拟列为发展对象": "candidate", "转正": "full", "拟转为正式党员": "full"}


def run_paper(args, ctx) -> int:
    from ..recruit import exports

    with ctx.open_archive() as archive:
        person_id = person_arg(archive, args.person)
        _app_password.require(archive, args, "导出全程纪实表（含政审结论和考察意见）")
        name = archive.recruit.dossier(person_id).name
        path = out_path(archive, args.out, exports.record_name(name), ".pdf")
        result = exports.record_job(archive, person_id, path)()
    report_paper(ctx, result, "发展党员工作全程纪实表")
    return 0


def run_notice(args, ctx) -> int:
    from ..recruit import exports

    kind = NOTICE_KIND_WORDS.get(args.kind.strip())
    if kind is None:
        raise ValidationError("kind", "choice", f"公示类别{quoted(args.kind)}无效，可选：发展对象、转正。")
    with ctx.open_archive() as archive:
        ids = [person_arg(archive, name) for name in args.people]
        names = [archive.recruit.dossier(pid).name for pid in ids]
        path = out_path(archive, args.out, exports.notice_name(kind, names), ".pdf")
        result = exports.notice_job(archive, ids, kind, path, date_arg(args.start, "公示开始日期"), args.days, args.phone)()
    report_paper(ctx, result, "公示")
    return 0


def run_ledger(args, ctx) -> int:
    from .. import clock
    from ..recruit import exports

    year = args.year or clock.today().year
    with ctx.open_archive() as archive:
        path = out_path(archive, args.out, exports.ledger_name(year), ".xlsx" if args.xlsx else ".pdf")
        result = exports.ledger_job(archive, year, path)()
    if path.suffix.lower() == ".xlsx":
        ctx.out(f"已导出{year}年度发展党员工作台账：{result}")
    else:
        report_paper(ctx, result, f"{year}年度发展党员工作台账")
    return 0


def run_publicity_days(args, ctx) -> int:
    from ..recruit.exports import check_publicity_days, set_publicity_days

    check_publicity_days(args.days)  # before the archive is opened
    with ctx.open_archive() as archive:
        set_publicity_days(archive, args.days)
    ctx.out(f"公示期已设为 {args.days} 个工作日。")
    return 0


def run_template(args, ctx) -> int:
    from ..recruit.importing import write_template

    ctx.out(f"已生成导入表模板：{write_template(args.file)}")
    return 0


def run_import(args, ctx) -> int:
    from ..errors import ValidationErrors
    from ..recruit import importing

    with ctx.open_archive(read_only=args.dry_run) as archive:
        checked = importing.check_file(archive, args.file)
        if checked.errors:
            raise ValidationErrors(checked.errors)
        if args.dry_run:
            ctx.out(f"检查通过：{len(checked.rows)} 人可以导入（未导入）。")
            for row in checked.rows:
                ctx.out(f"  第 {row.row} 行 {row.person.name}：已到「{BY_KEY[row.last_step].title}」")
            return 0
        count = importing.apply(archive, args.file)
    ctx.out(f"已导入 {count} 人的发展档案。")
    return 0
