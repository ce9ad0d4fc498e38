"""Why a bundle is refused: one class per fault, each with a stable ``code`` (for the
upper level's log and tests) and a Chinese sentence that says what happened and what
to do. Raised by ``reader.verify_bundle`` before anything is touched."""

from __future__ import annotations

from ..errors import BranchDeskError, Cancelled


class BundleRefused(BranchDeskError):
    """A bundle that must not be imported. ``code`` names the fault."""

    code = "refused"

    def __init__(self, detail: str):
        self.detail = detail
        super().__init__(detail)


class NotABundle(BundleRefused):
    code = "not_a_bundle"


class NewerFormat(BundleRefused):
    code = "newer_format"


class UnsafeEntry(BundleRefused):
    code = "unsafe_entry"


class TooLarge(BundleRefused):
    code = "too_large"


class Truncated(BundleRefused):
    code = "truncated"


class Tampered(BundleRefused):
    code = "tampered"


class PasswordRequired(BundleRefused):
    code = "password_required"


class BadPassword(BundleRefused):
    code = "bad_password"


class UnknownKey(BundleRefused):
    code = "unknown_key"


class ForeignBranch(BundleRefused):
    code = "foreign_branch"


class Resigned(BundleRefused):
    code = "resigned"


class Replay(BundleRefused):
    code = "replay"


class OutOfOrder(BundleRefused):
    code = "out_of_order"


class BundleCancelled(Cancelled):
    """The user cancelled writing a bundle: no file is left and no sequence number used."""

    code = "cancelled"

    def __init__(self):
        super().__init__("已取消导出数据包。没有留下文件，数据包编号也没有占用。")
