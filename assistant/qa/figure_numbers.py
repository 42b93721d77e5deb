"""How the plan's figures are written and rounded: decimals kept or asked for, conversion factors, fixed-point text."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# "保留一位小数", "精确到小数点后两位", "保留整数", "取整": how a computed figure is to be rounded.
_DECIMALS = re.compile(r"(?:保留|精确|取|四舍五入)到?(?:小数点后)?([0-9零一二两三四五六])位(?:小数)?|"
                       r"(保留整数|取整|(?:精确|保留|四舍五入|取)到(?:个位|整数))")
_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}


def asked_decimals(text: str) -> int | None:
    """Decimals the question asks a computed figure to keep, or None."""
    found = _DECIMALS.search(text)
    if not found:
        return None
    if found.group(2):
        return 0
    digit = found.group(1)
    return int(digit) if digit.isdigit() else _DIGIT[digit]


def decimals_of(text: str) -> int:
    """Decimals a figure is written with: "9387.50" has 2."""
    return len(text.split(".")[1]) if "." in text else 0


def power_of_ten(ratio: Fraction) -> int | None:
    """k when the ratio is 10**k (100 -> 2, 1/10000 -> -4), else None."""
    k = 0
    while ratio != 1 and ratio.denominator == 1 and ratio.numerator % 10 == 0:
        ratio, k = ratio / 10, k + 1
    while ratio != 1 and ratio.numerator == 1 and ratio.denominator % 10 == 0:
        ratio, k = ratio * 10, k - 1
    return k if ratio == 1 else None


def out_decimals(value_text: str, factor_num: float, factor_den: float, converted: float | None = None) -> int:
    """Decimals a converted figure keeps: shifted by a power-of-ten factor, else the input's significant digits."""
    ratio = Fraction(int(factor_num), int(factor_den))
    shift = power_of_ten(ratio)
    if shift is not None:
        return max(0, decimals_of(value_text) - shift)
    if ratio.denominator == 1 or not converted:
        return decimals_of(value_text)
    significant = len(value_text.replace(".", "").lstrip("0"))
    return max(2, significant - (math.floor(math.log10(abs(converted))) + 1))


def format_number(value: float, decimals: int) -> str:
    """Fixed decimals (never float noise), "−" for negatives; more decimals only when it would print 0.
    Rounded half away from zero on the number as written (271.23 × 1500 ÷ 10000 = 40.6845 -> 40.685), as
    the figure_round statement rounds: the float 40.6845 is a hair below it and would print 40.684."""
    while value and round(abs(value), decimals) == 0 and decimals < 10:
        decimals += 1
    text = str(Decimal(repr(abs(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    return "0" if float(text) == 0 else ("−" + text if value < 0 else text)


def factor_text(factor_num: float, factor_den: float) -> str:
    """A conversion factor as the formula writes it: "× 15", "÷ 100", "× 3 ÷ 7"."""
    num, den = int(factor_num), int(factor_den)
    if num % den == 0:
        return f"× {num // den}"
    if den % num == 0:
        return f"÷ {den // num}"
    return f"× {num} ÷ {den}"


def exact_decimals(value: float, cap: int = 8) -> int:
    """Decimals the value needs to be written exactly (40.6845 -> 4), at most `cap`: the figure a rounding
    asked for is taken from, shown whole so that it is not rounded twice."""
    text = format(Decimal(repr(value)), "f")
    return min(cap, len(text.split(".")[1].rstrip("0")) if "." in text else 0)

