"""党费 rates: every band edge, the fixed rates, and money read from text without floats."""

import pytest

from branchdesk.dues import parse_yuan, yuan
from branchdesk.dues.rates import calculate, check_farmer_fen
from branchdesk.errors import ValidationError


@pytest.mark.parametrize(("category", "base", "due", "band", "rate"), [
    ("employed", "3,000.00", 1500, "3,000元（含）以下", "0.5%"),
    ("employed", "3,000.01", 3000, "3,000元以上至5,000元（含）", "1%"),
    ("employed", "5,000", 5000, "3,000元以上至5,000元（含）", "1%"),
    ("employed", "5,000.01", 7500, "5,000元以上至10,000元（含）", "1.5%"),
    ("employed", "10,000", 15000, "5,000元以上至10,000元（含）", "1.5%"),
    ("employed", "10,000.01", 20000, "10,000元以上", "2%"),
    ("retired", "5,000", 2500, "5,000元（含）以下", "0.5%"),
    ("retired", "5,000.01", 5000, "5,000元以上", "1%"),
    ("retired", "1,234.56", 617, "5,000元（含）以下", "0.5%"),
])
def test_every_band_edge(category, base, due, band, rate):
    calc = calculate(category, parse_yuan(base))
    assert (calc.due_fen, calc.band, calc.rate, calc.usual_fen) == (due, band, rate, due)
    assert f"在{band}这一档，按{rate}交纳" in calc.words


def test_the_arithmetic_in_words_rounds_half_up_to_the_fen():
    calc = calculate("employed", parse_yuan("3456.78"))
    assert calc.due_fen == 3457
    assert calc.words == ("在职党员，每月工资收入（税后）3,456.78元，在3,000元以上至5,000元（含）这一档，按1%交纳："
                          "3,456.78 × 1% = 34.5678元，四舍五入到分为34.57元。")
    assert calculate("employed", 300_000).words.endswith("3,000.00 × 0.5% = 15.00元。")
    # 0.5 % of 1.01 yuan is 0.505 fen: a half rounds up
    assert calculate("employed", 101).due_fen == 1


def test_farmer_student_and_other_fixed_rates():
    assert calculate("farmer", None, farmer_fen=50).due_fen == 50
    assert "农民党员每月交纳0.50元" in calculate("farmer", None, farmer_fen=50).words
    for category in ("student", "unemployed", "low_income"):
        calc = calculate(category, 999_999)  # the income does not matter
        assert (calc.due_fen, calc.band) == (20, "固定标准")
    assert check_farmer_fen(100) == 100
    for wrong in (19, 101, "0.5", 0.5):
        with pytest.raises(ValidationError, match="0.20元至1.00元之间"):
            check_farmer_fen(wrong)


def test_voluntary_larger_amounts_and_missing_bases():
    calc = calculate("student", voluntary_fen=1000)
    assert (calc.due_fen, calc.usual_fen, calc.voluntary) == (20, 1000, True)
    assert "自愿每月多交，按10.00元交纳" in calc.words
    with pytest.raises(ValidationError, match="自愿多交只能多于应交金额"):
        calculate("employed", 400_000, voluntary_fen=3000)
    with pytest.raises(ValidationError, match="请填写每月工资收入（税后）"):
        calculate("employed", None)
    with pytest.raises(ValidationError, match="请填写每月离退休费"):
        calculate("retired", 0)


@pytest.mark.parametrize(("text", "fen"), [
    ("3000", 300_000), ("3,000.01", 300_001), ("３０００．５", 300_050), ("¥30.5", 3050), ("30.50元", 3050),
    (" 0.2 ", 20), (12, 1200),
])
def test_money_is_read_as_whole_fen(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(("text", "message"), [
    ("30.123", "最多写到分"), ("三十", "不是金额"), ("", "请填写"), ("-5", "不能是负数"), ("0", "不能是 0"),
    ("1e9", "超过 100 万元"), ("NaN", "不是金额"),
])
def test_bad_money_is_refused_with_the_reason(text, message):
    with pytest.raises(ValidationError, match=message):
        parse_yuan(text, "月工资")


def test_yuan_is_written_with_two_decimals():
    assert (yuan(300_001), yuan(20), yuan(-1550), yuan(123456789, grouped=False)) == (
        "3,000.01", "0.20", "-15.50", "1234567.89")
