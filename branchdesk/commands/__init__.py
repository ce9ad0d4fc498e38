"""Subcommands of ``branchdesk``: one module per feature, each with ``register(subparsers)``.

``COMMANDS`` names each top-level command's module and its one-line help, so that the
parser can list every command (``branchdesk --help``) while importing only the module of
the command that runs: importing all of them pulled the PDF engine, openpyxl and the
crypto libraries into every run (issue 18). A module not named here still works - the
parser then imports it eagerly - and tests/domain/test_cli_start.py says to add it."""

from __future__ import annotations

import importlib

# command -> (module in this package, the help line its register() gives it)
COMMANDS: dict[str, tuple[str, str]] = {
    "appraisal": ("appraisal", "民主评议党员：测评票数、组织评定、反馈与处置"),
    "init": ("archive", "新建档案库并登记本支部（--upper：新建上级汇总档案库）"),
    "demo": ("archive", "在空档案库中生成演示支部（约 30 名党员）"),
    "bundle": ("bundle", "数据包：本支部密钥、导出、核验"),
    "drafts": ("drafts", "未保存内容的草稿（停电后留下的）：列出、查看、丢弃"),
    "dues": ("dues", "党费：基数、收缴与收据、月度台账、公示、登记表、上缴与结余"),
    "election": ("election", "换届选举：方案与批复、候选人、党员大会选举、书记副书记、上级批复"),
    "export": ("export", "导出 PDF 材料"),
    "fonts": ("fonts", "查看本机导出材料时各种字体（宋体、仿宋、楷体、黑体、小标宋）用哪个字体印出"),
    "honours": ("honours", "奖惩：表彰、党纪处分和组织处理"),
    "life": ("life", "组织生活会：方案、征求意见、问题清单、对照检查、批评与自我批评、定稿上报"),
    "talks": ("life", "谈心谈话：登记、列表、覆盖情况"),
    "meetings": ("meetings", "三会一课与主题党日：计划、通知、记录、定稿、上报"),
    "compliance": ("meetings", "三会一课落实情况：每月各类会议已开、计划、逾期、缺失"),
    "masses": ("masses", "群众工作：联系户与走访、民情诉求（受理、交办、办结、反馈、回访）"),
    "members": ("members", "党员名册：导入、导出、列出、查看、记录状态变化"),
    "recruit": ("recruit", "发展党员：发展档案、25 个步骤、待办"),
    "service": ("service", "志愿服务与为民办实事：活动、服务时长、承诺的实事及进展"),
    "openness": ("service", "党务公开：登记公开、应公开事项是否按时、打印公开栏"),
    "verdict": ("service", "群众评议：登记评议票数与意见、满意率、打印结果"),
    "study": ("study", "学习：年度学习计划、专题关联会议、补学、学习档案"),
    "reports": ("study", "汇报制度：党员思想、工作、学习汇报，支部工作报告"),
    "rectification": ("rectification", "整改台账：新增、进展、佐证、公示、销号"),
    "backup": ("safety", "立即备份档案库（可备份到 U 盘，写入后读回校验）"),
    "backups": ("safety", "备份列表"),
    "restore": ("safety", "从备份文件恢复（先校验；原档案库保留，不删除）"),
    "check": ("safety", "检查档案库：完整性、版本、备份、锁、操作日志"),
    "audit": ("safety", "操作日志"),
    "committee": ("setup", "支部委员会：查看、按职务登记支委"),
    "groups": ("setup", "党小组：列出、新建、改名、删除"),
    "start": ("setup", "从何时开始记录：查看或修改（此前各月不计入三会一课缺失）"),
    "targets": ("targets", "目标管理：指标库、年度目标、自动计量、检查考核"),
    "transfers": ("transfers", "组织关系转接：转出、转入、介绍信与回执"),
    "away": ("transfers", "流动党员：登记、列表、返回"),
    "todo": ("todo", "待办事项：逾期会议、转正、目标管理检查、整改事项、备份等，最急的在前"),
    "upper": ("upper", "上级汇总：登记支部公钥、导入数据包、汇总查看"),
}


def command_modules() -> list[str]:
    """Every module in this package that registers commands (helpers start with ``_``)."""
    import pkgutil

    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


def register_commands(subparsers, running: str | None) -> None:
    """Add the commands to ``subparsers``. A command of the table that runs (``running``)
    gets its module's commands alone: nothing else is parsed, and scanning this package
    (pkgutil pulls in inspect and typing) and forty stub parsers cost about a fifth of
    ``members list``'s start. For ``--help`` (``None``) every command is added, as its
    name and help line, and the unlisted modules fully; a command this table does not
    know loads every module, so it is never refused."""
    if running in COMMANDS:
        importlib.import_module(f"{__name__}.{COMMANDS[running][0]}").register(subparsers)
        return
    known_modules = {module for module, _ in COMMANDS.values()}
    to_load = {name for name in command_modules() if name not in known_modules}
    if running is not None:
        to_load = set(command_modules())
    for command, (module, help_line) in COMMANDS.items():
        if module not in to_load:
            subparsers.add_parser(command, help=help_line)
    for module in sorted(to_load):
        importlib.import_module(f"{__name__}.{module}").register(subparsers)
