"""Coverage classes of the treatment packages' key lines, region by region, each traced to its source.

Each row: item code, region, date, the class (甲/乙/丙) the region's catalogue gives, the per-unit cap or per-item
share where one applies, a restriction text fragment where the class is conditional, the source id that
decides it, and what that source says (or that it is a stand-in judgement). The expectations are read from the
sources named, never from running the program. "Stand-in" means the treated region has no list of its own for
the item and Jiangsu's list (services) or this project's consumables estimate decides — the app labels those.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from estimator_gui.core.estimator import Estimator

ON = dt.date(2026, 11, 1)
CS, VD, FHR = (
    "003314000120000",
    "003314000020000",
    "003112010260000",
)  # 剖宫产术, 单胎顺产接生, 胎心监测
TAVR_OP, TAVR_VALVE = "323308010360000", "LOCAL-TAVR-D"
ROBOT_USE, ROBOT_KIT = "SVC-ROBOT-ASSIST", "LOCAL-ROBOT-DV"
VAD_OP, VAD = "JS330803022", "LOCAL-VAD"
BIRTH = "生育政策"

# (code, region, date, class, cap, item_share, restriction contains, source id, what the source says)
ROWS = [
    # --- births: Jiangsu prints 丙/甲 with the memo "居民、灵活就业和退休参保人员符合生育政策的按甲类支付"
    (
        CS,
        "suzhou",
        ON,
        "甲",
        None,
        None,
        BIRTH,
        "jiangsu-services-2024",
        "江苏 331400012 剖宫产术 丙/甲，符合生育政策的按甲类",
    ),
    (
        VD,
        "suzhou",
        ON,
        "甲",
        None,
        None,
        BIRTH,
        "jiangsu-services-2024",
        "江苏 331400002 单胎顺产接生 丙/甲，同上",
    ),
    (
        FHR,
        "suzhou",
        ON,
        "甲",
        None,
        None,
        BIRTH,
        "jiangsu-services-2024",
        "江苏 311201026 胎心监测 丙/甲，同上",
    ),
    (CS, "liyang", ON, "甲", None, None, BIRTH, "jiangsu-services-2024", "溧阳（江苏）同上"),
    (
        CS,
        "wuhan",
        ON,
        "甲",
        None,
        None,
        BIRTH,
        "jiangsu-services-2024",
        "湖北无本省目录：江苏目录代用（判断）",
    ),
    (
        CS,
        "chengdu",
        ON,
        "甲",
        None,
        None,
        BIRTH,
        "jiangsu-services-2024",
        "四川无本省目录：江苏目录代用（判断）",
    ),
    (
        CS,
        "guangzhou",
        ON,
        "甲",
        None,
        None,
        BIRTH,
        "jiangsu-services-2024",
        "广东无本省目录：江苏目录代用（判断）",
    ),
    (
        CS,
        "shanghai",
        ON,
        "甲",
        None,
        None,
        BIRTH,
        "jiangsu-services-2024",
        "上海本地清单无此项：江苏目录代用（判断）",
    ),
    (
        CS,
        "beijing",
        ON,
        "甲",
        None,
        None,
        BIRTH,
        "jiangsu-services-2024",
        "北京本地清单无此项：江苏目录代用（判断）",
    ),
    (
        CS,
        "harbin",
        ON,
        "甲",
        None,
        None,
        BIRTH,
        "jiangsu-services-2024",
        "黑龙江无本省目录：江苏目录代用（判断）",
    ),
    (
        CS,
        "hangzhou",
        ON,
        "甲",
        None,
        None,
        None,
        "hangzhou-services-2022",
        "杭州2022目录 剖宫产术 fee_level 1（甲），无限定",
    ),
    (
        VD,
        "hangzhou",
        ON,
        "甲",
        None,
        None,
        None,
        "hangzhou-services-2022",
        "杭州2022目录 单胎顺产接生 甲",
    ),
    (
        CS,
        "kunming",
        ON,
        "甲",
        None,
        None,
        BIRTH,
        "tx-caesarean-yunnan-judgement",
        "昆明2022目录列为自费（职工口径）；居民符合生育政策按甲类处理（判断）",
    ),
    (
        VD,
        "xiangyun",
        ON,
        "甲",
        None,
        None,
        BIRTH,
        "tx-caesarean-yunnan-judgement",
        "云南同上（判断）",
    ),
    # --- TAVR: operation fee and valve
    (
        TAVR_OP,
        "suzhou",
        ON,
        "丙",
        None,
        None,
        None,
        "jiangsu-services-2024",
        "江苏 330801029 经皮导管主动脉瓣植入术 丙、市场调节价",
    ),
    (
        TAVR_OP,
        "hangzhou",
        ON,
        "甲",
        None,
        None,
        None,
        "hangzhou-services-2022-by-meaning",
        "杭州（宁波、台州同）2022 经导管主动脉瓣置换术 甲，限基本医疗保险",
    ),
    (
        TAVR_OP,
        "shanghai",
        ON,
        "丙",
        None,
        None,
        None,
        "jiangsu-services-2024",
        "上海未查到：江苏目录代用（判断）",
    ),
    (
        TAVR_OP,
        "kunming",
        ON,
        "丙",
        None,
        None,
        None,
        "jiangsu-services-2024",
        "昆明2022目录无此项：江苏目录代用（判断）",
    ),
    (
        TAVR_VALVE,
        "suzhou",
        ON,
        "乙",
        None,
        None,
        "苏州",
        "cons-suzhou-2023",
        "苏州2023-08-10起按挂网价纳入支付",
    ),
    (
        TAVR_VALVE,
        "guangzhou",
        ON,
        "乙",
        None,
        None,
        None,
        "cons-class-estimate",
        "各地耗材目录未取得：植入类按乙类（估算）",
    ),
    # --- robot-assisted surgery: the robot's use charge and its instruments
    (
        ROBOT_USE,
        "shanghai",
        ON,
        "乙",
        None,
        None,
        "上海",
        "svc-sh-davinci",
        "上海已将达芬奇手术纳入医保（类别未写明，按乙类）",
    ),
    (
        ROBOT_USE,
        "suzhou",
        ON,
        "丙",
        None,
        None,
        "江苏",
        "svc-js-davinci-2015",
        "江苏清单无此项；2015年报道不予支付",
    ),
    (
        ROBOT_USE,
        "kunming",
        ON,
        "丙",
        None,
        None,
        None,
        "kunming-services-2022-by-meaning",
        "昆明2022 手术机器人辅助操作 fee_level 3",
    ),
    (
        ROBOT_USE,
        "hangzhou",
        ON,
        "丙",
        None,
        None,
        "江苏",
        "svc-js-davinci-2015",
        "杭州2022只有神经外科机器人导航辅助（丙）：江苏目录代用（判断）",
    ),
    (
        ROBOT_KIT,
        "shanghai",
        ON,
        "乙",
        None,
        None,
        "上海",
        "cons-sh-davinci",
        "上海：达芬奇机器人手术纳入医保支付范围",
    ),
    (
        ROBOT_KIT,
        "suzhou",
        ON,
        "丙",
        None,
        None,
        "2015",
        "cons-js-davinci-2015",
        "江苏2015：机器人手术费用不予支付",
    ),
    (
        ROBOT_KIT,
        "wuhan",
        ON,
        "丙",
        None,
        None,
        None,
        "cons-class-estimate",
        "机器人专用耗材按丙类（估算）",
    ),
    # --- ventricular assist device: device and operation
    (
        VAD,
        "beijing",
        ON,
        "甲",
        None,
        None,
        "试点",
        "cons-vad-beijing-2024",
        "北京2024-09-21起4家试点医院甲类",
    ),
    (
        VAD,
        "beijing",
        dt.date(2024, 6, 1),
        "乙",
        None,
        None,
        None,
        "cons-class-estimate",
        "北京2024-09-21之前：估算乙类",
    ),
    (
        VAD,
        "chengdu",
        ON,
        "乙",
        None,
        None,
        None,
        "cons-class-estimate",
        "各地耗材目录未取得：植入类按乙类（估算）",
    ),
    (
        VAD_OP,
        "beijing",
        ON,
        "甲",
        None,
        None,
        "2024-09-21",
        "svc-bj-vad-2024",
        "北京 植入式心室辅助泵安装术 甲",
    ),
    (
        VAD_OP,
        "kunming",
        ON,
        "甲",
        None,
        None,
        None,
        "kunming-services-2022",
        "昆明2022 左右心室辅助泵安装术 甲",
    ),
    (
        VAD_OP,
        "hangzhou",
        ON,
        "甲",
        None,
        None,
        None,
        "hangzhou-services-2022-by-meaning",
        "杭州2022 左右心室辅助泵安装术 甲",
    ),
    (VAD_OP, "suzhou", ON, "乙", None, None, None, "jiangsu-services-2024", "江苏 330803022 乙"),
    # --- pacemaker, stents, joints, lenses
    (
        "C020402058-PM2I",
        "shanghai",
        ON,
        "乙",
        D("25000"),
        None,
        "上海",
        "cons-sh-pacemaker-cap",
        "上海起搏器最高支付标准25000元",
    ),
    (
        "C020402058-PM2I",
        "suzhou",
        ON,
        "乙",
        None,
        None,
        None,
        "cons-class-estimate",
        "估算乙类，无限价",
    ),
    (
        "C020202001-DESVBPD",
        "suzhou",
        ON,
        "乙",
        None,
        None,
        None,
        "cons-class-estimate",
        "集采支架按乙类（估算）",
    ),
    (
        "C034401107-KNEED",
        "guangzhou",
        ON,
        "乙",
        None,
        None,
        None,
        "cons-class-estimate",
        "集采关节按乙类（估算）",
    ),
    (
        "LOCAL-IOL-MULTI-I",
        "shanghai",
        ON,
        "丙",
        None,
        None,
        None,
        "cons-iol-sh-premium",
        "上海：三焦点等高端晶体不予报销",
    ),
    (
        "LOCAL-IOL-MONO-D",
        "shanghai",
        ON,
        "乙",
        None,
        None,
        None,
        "cons-class-estimate",
        "单焦点晶体按乙类（估算）",
    ),
    # --- radiotherapy, dialysis, joints' and cardiac operations
    (
        "SVC-PROTON-HEAVY-ION",
        "shanghai",
        ON,
        "丙",
        None,
        None,
        None,
        "svc-sh-proton-2024",
        "上海：质子重离子不在基本医保范围",
    ),
    (
        "003110000060000",
        "suzhou",
        ON,
        "乙",
        None,
        None,
        None,
        "jiangsu-services-2024",
        "江苏 血液透析 乙",
    ),
    (
        "003110000060000",
        "hangzhou",
        ON,
        "甲",
        None,
        None,
        None,
        "hangzhou-services-2022",
        "杭州2022 血液透析 甲",
    ),
    (
        "003110000060000",
        "kunming",
        ON,
        "甲",
        None,
        None,
        None,
        "kunming-services-2022",
        "昆明2022 血液透析 甲",
    ),
    (
        "003308020030000",
        "hangzhou",
        ON,
        "乙",
        None,
        D("0.20"),
        None,
        "hangzhou-services-2022",
        "杭州2022 冠状动脉搭桥术 乙、自付20%",
    ),
    (
        "003301000170000",
        "hangzhou",
        ON,
        "甲",
        None,
        None,
        None,
        "hangzhou-services-2022",
        "杭州2022 体外循环 甲",
    ),
    (
        "003301000170000",
        "suzhou",
        ON,
        "乙",
        None,
        None,
        None,
        "jiangsu-services-2024",
        "江苏 体外循环 乙",
    ),
    (
        "SVC-TKA",
        "hangzhou",
        ON,
        "甲",
        None,
        None,
        None,
        "hangzhou-services-2022-by-meaning",
        "杭州2022 人工膝关节置换术 甲",
    ),
    (
        "SVC-THA",
        "kunming",
        ON,
        "甲",
        None,
        None,
        None,
        "kunming-services-2022-by-meaning",
        "昆明2022 人工全髋关节置换术 甲",
    ),
    # --- drugs of the oncology and transplant packages (national list; 2025 edition for western drugs)
    (
        "YP24-1223",
        "suzhou",
        ON,
        "乙",
        None,
        None,
        None,
        "nhsa-drugs-2025",
        "曲妥珠单抗 乙（国家目录2025版西药部分）",
    ),
    ("YP24-1303", "suzhou", ON, "乙", None, None, None, "nhsa-drugs-2025", "他克莫司口服常释 乙"),
]


@pytest.fixture(scope="module")
def est(bundled_db) -> Estimator:
    return Estimator.open(bundled_db)


def test_the_table_covers_at_least_thirty_key_lines():
    assert len(ROWS) >= 30


@pytest.mark.parametrize(
    ("code", "region", "on", "cls", "cap", "share", "restriction", "source", "says"),
    ROWS,
    ids=[f"{r[0]}@{r[1]}-{r[2]}" for r in ROWS],
)
def test_key_line_class_comes_from_its_source(
    est, code, region, on, cls, cap, share, restriction, source, says
):
    terms = est.terms(region, code, on)
    assert terms.covered, f"{code} @ {region}: not in the catalogue ({says})"
    assert terms.item_class is not None and terms.item_class.value == cls, (
        f"{code} @ {region} on {on}: {terms.item_class} != {cls} ({source}: {says})"
    )
    assert terms.source is not None and terms.source.id == source, (terms.source, source)
    assert (terms.pay_cap is None) if cap is None else (D(terms.pay_cap) == cap), terms.pay_cap
    assert (terms.item_share is None) if share is None else (D(terms.item_share) == share), (
        terms.item_share
    )
    if restriction:
        assert restriction in (terms.restriction or ""), terms.restriction


def test_a_caesarean_within_the_birth_policy_is_not_fully_self_paid_anywhere(est):
    # The test: the operation and the delivery are 甲 (within the birth policy) in every region's
    # catalogue; where the class is conditional, the condition is the birth policy (the app asks).
    for region in (r.id for r in est.regions()):
        for code in (CS, VD):
            terms = est.terms(region, code, ON)
            assert (
                terms.covered and terms.item_class is not None and terms.item_class.value != "丙"
            ), (region, code)
            if terms.restriction:
                assert BIRTH in terms.restriction, (region, code, terms.restriction)
