import datetime as dt

import pytest

from branchdesk.errors import ValidationError
from branchdesk.roster import idnumber


def test_valid_number_gives_birth_date_and_gender():
    facts = idnumber.parse("11010519491231002X")
    assert facts.birth_date == dt.date(1949, 12, 31)
    assert facts.gender == "女"


def test_lower_case_x_and_spaces_are_normalised():
    assert idnumber.parse(" 110105 19491231 002x ").number == "11010519491231002X"


def test_full_width_digits_are_accepted():
    assert idnumber.parse("１１０１０５１９４９１２３１００２Ｘ").number == "11010519491231002X"


@pytest.mark.parametrize(
    "number, code, words",
    [
        ("110105194912310021", "check_digit", "对照本人身份证"),
        ("110105194912310000", "truncated", "截断"),
        ("110105491231002", "old_15_digit", "18 位"),
        ("11010519491331002X", "birth_date", "19491331"),
        ("1101051949123100", "length", "16 位"),
        ("11010519491231A02X", "chars", "数字"),
        ("", "required", "请填写"),
        ("²1010519491231002X", "chars", "数字"),
        ("1.10105E+17", "spreadsheet_number", "文本"),
    ],
)
def test_bad_numbers_are_refused_with_the_reason(number, code, words):
    with pytest.raises(ValidationError) as caught:
        idnumber.parse(number)
    assert caught.value.code == code
    assert caught.value.field == "id_number"
    assert words in caught.value.detail


def test_future_birth_date_is_refused():
    first17 = f"110105{dt.date.today().year + 1}0101001"
    with pytest.raises(ValidationError) as caught:
        idnumber.parse(first17 + idnumber.check_digit(first17))
    assert caught.value.code == "birth_date"


def test_mask_hides_the_birth_date():
    assert idnumber.mask("11010519491231002X") == "110105********002X"
    assert idnumber.mask("") == ""
