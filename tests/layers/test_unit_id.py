"""不动产单元号 parsing: every defect has its own precise Chinese message."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.layers.unit_id import UnitId, format_unit_id, looks_like_unit_id, normalize, parse_unit_id

VALID = "140311001002GB00011F00010001"


def test_parse_valid_id_gives_parts_and_meanings():
    u = parse_unit_id(VALID)
    assert u == UnitId("140311", "001", "002", "GB", "00011", "F", "00010001")
    assert u.county == "郊区"
    assert u.ownership == "国家土地（海域）所有权"
    assert u.right_type == "建设用地使用权宗地（地表）"
    assert u.fixture == "房屋等建筑物、构筑物"
    assert u.parcel_code == "140311001002GB00011"
    assert str(u) == VALID
    labels = [row[0] for row in u.describe()]
    assert labels == ["县级行政区划", "地籍区", "地籍子区", "宗地特征码", "宗地顺序号", "定着物特征码", "定着物单元号"]
    assert u.describe()[-1][2] == "第 1 幢 第 1 户（套）"


@pytest.mark.parametrize("typed", [
    "140311 001002 GB00011 F00010001",
    "140311-001002-gb00011-f00010001",
    "１４０３１１００１００２ＧＢ０００１１Ｆ０００１０００１",
    "  140311001002gb00011f00010001\n",
])
def test_separators_case_and_full_width_are_tolerated(typed):
    assert str(parse_unit_id(typed)) == VALID


def test_no_fixture_unit():
    u = parse_unit_id("140322003001JD00012W00000000")
    assert u.fixture == "无定着物" and u.describe()[-1][2] == "无定着物单元"


def _error(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse_unit_id(text)
    return str(info.value)


@pytest.mark.parametrize("text, message", [
    ("", "请输入不动产单元号（28 位"),
    (VALID[:-1], "不动产单元号应为 28 位，您输入了 27 位"),
    ("140321-001-002", "不动产单元号应为 28 位，您输入了 12 位"),
    (VALID + "1", "不动产单元号应为 28 位，您输入了 29 位"),
    (VALID[:5] + "#" + VALID[6:], "第 6 位“#”不是数字或字母"),
    ("14031A001002GB00011F00010001", "第 1–6 位是县级行政区划代码，应为 6 位数字，第 6 位却是字母“A”"),
    ("140311A01002GB00011F00010001", "第 7–9 位是地籍区代码，应为 3 位数字，第 7 位却是字母“A”"),
    ("14031100100BGB00011F00010001", "第 10–12 位是地籍子区代码，应为 3 位数字，第 12 位却是字母“B”"),
    ("1403110010021B00011F00010001", "第 13 位应为字母（宗地特征码），您输入的是数字“1”"),
    ("140311001002G100011F00010001", "第 14 位应为字母（宗地特征码），您输入的是数字“1”"),
    ("140311001002GB0001AF00010001", "第 15–19 位是宗地顺序号，应为 5 位数字，第 19 位却是字母“A”"),
    ("140311001002GB00011100010001", "第 20 位应为字母（定着物特征码），您输入的是数字“1”"),
    ("140311001002GB00011F0001000X", "第 21–28 位是定着物单元号，应为 8 位数字，第 28 位却是字母“X”"),
    ("140100001002GB00011F00010001", "县级行政区划代码 140100 不属于阳泉市"),
    ("140311000002GB00011F00010001", "地籍区代码不能为 000"),
    ("140311001000GB00011F00010001", "地籍子区代码不能为 000"),
    ("140311001002QB00011F00010001", "宗地特征码第 1 位“Q”无效：应为 G（国家土地所有权）"),
    ("140311001002GK00011F00010001", "宗地特征码第 2 位“K”无效"),
    ("140311001002GC00011F00010001", "宗地特征码 GC 不成立：宅基地使用权宗地只存在于集体土地上"),
    ("140311001002ZA00011W00000000", "宗地特征码 ZA 不成立：集体土地所有权宗地只存在于集体土地上"),
    ("140311001002GB00000F00010001", "宗地顺序号不能为 00000"),
    ("140311001002GB00011K00010001", "定着物特征码“K”无效：应为 F（房屋等建筑物、构筑物）"),
    ("140311001002GB00011W00010001", "定着物特征码为 W（无定着物）时，定着物单元号应为 00000000，您输入的是 00010001"),
    ("140311001002GB00011F00000000", "定着物特征码为 F（房屋等建筑物、构筑物）时，定着物单元号不能为 00000000"),
])
def test_each_defect_has_its_message(text, message):
    assert message in _error(text)


def test_county_error_lists_the_five_codes():
    msg = _error("140100001002GB00011F00010001")
    for code in ("140302 城区", "140303 矿区", "140311 郊区", "140321 平定县", "140322 盂县"):
        assert code in msg


def test_format_pads_numbers_and_validates():
    parts = dict(county_code="140302", cadastral_district=1, cadastral_subdistrict=2, parcel_feature="jd",
                 parcel_seq=5, fixture_feature="W", fixture_unit=0)
    assert format_unit_id(parts) == "140302001002JD00005W00000000"
    assert format_unit_id(parse_unit_id(VALID)) == VALID
    with pytest.raises(InputError, match="宗地顺序号应为 5 位"):
        format_unit_id({**parts, "parcel_seq": 123456})
    with pytest.raises(InputError, match="定着物单元号应为 00000000"):
        format_unit_id({**parts, "fixture_unit": 17})


def test_looks_like_unit_id():
    assert looks_like_unit_id(VALID[:-1])
    assert looks_like_unit_id("140311 001002 GB00011 F00010001")
    assert not looks_like_unit_id("YQ-2026-00001")
    assert not looks_like_unit_id("113.58,37.86")
    assert normalize(" a-b ") == "AB"
