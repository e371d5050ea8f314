"""Display names of the shared vocabulary, in Chinese and English (README glossary)."""

from __future__ import annotations

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "scheme": {
        "employee": ("职工医保", "employee scheme"),
        "resident": ("居民医保", "resident scheme"),
    },
    "person": {
        "employed": ("在职", "employed"),
        "retired": ("退休", "retired"),
        "adult": ("成年居民", "adult resident"),
        "elderly": ("老年居民", "elderly resident"),
        "child": ("学生儿童", "student or child"),
    },
    "setting": {
        "inpatient": ("住院", "inpatient"),
        "outpatient_chronic": ("门诊慢特病", "chronic-disease outpatient"),
        "outpatient_general": ("普通门诊", "general outpatient"),
        "special_dialysis": ("门特：透析", "special outpatient: dialysis"),
        "special_cancer": ("门特：肿瘤放化疗", "special outpatient: cancer therapy"),
        "special_transplant": ("门特：抗排异", "special outpatient: anti-rejection"),
    },
    "scope": {
        "home": ("参保地", "home"),
        "in_province": ("省内异地", "elsewhere in the province"),
        "out_of_province": ("跨省异地", "another province"),
    },
    "filing": {
        "long_term_resident": ("异地长期居住备案", "long-term residence filing"),
        "resettled_retiree": ("异地安置退休备案", "resettled retiree filing"),
        "posted_worker": ("常驻异地工作备案", "posted worker filing"),
        "referral": ("转诊备案", "referral"),
        "emergency": ("急诊抢救", "emergency"),
        "temporary": ("其他临时外出就医备案", "other temporary care (filed)"),
        "unfiled": ("未备案", "not filed"),
    },
    "route": {"direct": ("直接结算", "direct settlement"), "manual": ("手工报销", "manual claim")},
    "level": {
        "community": ("社区", "community"),
        "level1": ("一级", "level 1"),
        "level2": ("二级", "level 2"),
        "level3": ("三级", "level 3"),
    },
    "kind": {
        "drug": ("药品", "drug"),
        "service": ("诊疗项目", "service item"),
        "consumable": ("耗材", "consumable"),
    },
    "tier": {
        "official": ("官方", "official"),
        "secondary": ("二手", "secondary"),
        "estimate": ("估算", "estimate"),
    },
    "field": {  # settlement fields, in slip order (NHSA field names in the code)
        "total": ("医疗费总额", "total"),
        "fulamt_ownpay": ("全自费", "fully self-paid"),
        "overlmt_selfpay": ("超限价自费", "above price cap"),
        "preselfpay": ("先行自付", "self-pay first"),
        "inscp": ("符合政策范围", "eligible amount"),
        "deductible_paid": ("实际起付线", "deductible paid"),
        "fund_basic": ("统筹基金支付", "basic fund"),
        "fund_ratio": ("统筹支付比例", "fund ratio"),
        "large_amount": ("大额/附加", "large-amount layer"),
        "critical_illness": ("大病保险", "critical illness"),
        "assistance": ("医疗救助", "medical assistance"),
        "fund_total": ("基金支付合计", "all funds"),
        "patient_burden": ("个人负担", "patient pays"),
    },
    "variant": {"low": ("低", "low"), "typical": ("典型", "typical"), "high": ("高", "high")},
    "part": {  # parts of the national drug list
        "western": ("西药", "western medicines"),
        "patent": ("中成药", "patent Chinese medicines"),
        "herbal": ("中药饮片", "herbal pieces"),
    },
    "trust": {  # apart from the tier: who checked a value locally (a local correction)
        "verified": ("本地核实", "locally verified"),
    },
    "correction": {  # what a local correction is about
        "rule": ("规则取值", "rule value"),
        "price": ("价格", "price"),
    },
    "correction_status": {  # what it does now (correction_overlay.Status)
        "confirms": ("确认", "confirms"),
        "corrects": ("更正", "corrects"),
        "bundled_changed": ("随附数据已变", "bundled data changed"),
        "gone": ("无法使用", "cannot be used"),
        "later": ("尚未生效", "not yet in force"),
    },
    "pack_change": {  # a correction pack against the user's own corrections
        "added": ("新增", "added"),
        "changed": ("更改", "changed"),
        "same": ("相同", "same"),
        "conflicting": ("冲突", "conflicting"),
    },
    "not_paid": {
        "general_outpatient": ("异地普通门诊", "general outpatient elsewhere"),
        "non_networked": ("非联网定点医院", "non-networked hospital"),
        "unfiled": ("未备案", "not filed"),
    },
}


def label(group: str, key: str, lang: str = "zh") -> str:
    """The display name of a vocabulary key; unknown keys show as themselves."""
    pair = LABELS.get(group, {}).get(key)
    if pair is None:
        return key
    return pair[0] if lang == "zh" else pair[1]


def zh(group: str, key: str) -> str:
    return label(group, key, "zh")


def verified_by(author: str, lang: str = "zh") -> str:
    """A locally verified value's mark, with who verified it: 本地核实（XX医院医保办）."""
    return f"本地核实（{author}）" if lang == "zh" else f"locally verified by {author}"
