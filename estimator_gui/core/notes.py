"""Warnings sorted for the people who read them: what matters to this patient first, and notes
about the data apart, one line per source; and the plain words for the terms on the screen.

Patient-facing text carries no web addresses and no file names: they are taken out here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Estimate, Warning

FOR_PATIENT = {
    "package_scope",
    "restricted",
    "not_covered",
    "late_filing",
    "manual_claim",
    "not_paid",
    "unknown_limit",
}
_SOURCE_NOTE = re.compile(r"^(?:规则来源)?「(?P<title>.+?)」(?P<rest>.*)$")
_ADDRESS = re.compile(
    r"(https?://\S+|www\.\S+|\b[\w.-]+/[\w./-]+\.(?:ya?ml|csv|json|md|py)\b|\b[\w-]+\.(?:ya?ml|csv|json)\b)"
)


def plain(text: str) -> str:
    """The text without web addresses or file names (kept in the explanation's sources)."""
    cleaned = _ADDRESS.sub("", text)
    return re.sub(r"\s{2,}", " ", re.sub(r"[（(]\s*[)）]", "", cleaned)).strip()


@dataclass(frozen=True)
class Notes:
    for_patient: list[Warning]
    about_data: list[tuple[str, str]]  # (zh, en), one line per source or data fact


def sort(est: Estimate) -> Notes:
    """The estimate's warnings split: for this patient (conditions, filing, limits, what the bill
    leaves out) and about the data (tiers and ages of sources, stand-in lists, editions), the
    second grouped one line per source."""
    patient: list[Warning] = []
    by_source: dict[str, tuple[list[str], list[str]]] = {}
    data: list[tuple[str, str]] = []
    for w in est.warnings:
        if w.code in FOR_PATIENT:
            patient.append(
                w.model_copy(update={"text_zh": plain(w.text_zh), "text_en": plain(w.text_en)})
            )
            continue
        if w.code in ("stale_rule", "secondary_source", "estimated_rule"):
            title = _title(w.text_zh)
            zh_parts, en_parts = by_source.setdefault(title, ([], []))
            zh_parts.append(_what(w, "zh"))
            en_parts.append(_what(w, "en"))
            continue
        data.append((plain(w.text_zh), plain(w.text_en)))
    grouped = [
        (f"「{plain(title)}」：{'，'.join(zh)}", f"'{plain(title)}': {', '.join(en)}")
        for title, (zh, en) in by_source.items()
    ]
    return Notes(for_patient=patient, about_data=data + grouped)


def _title(text: str) -> str:
    m = _SOURCE_NOTE.match(text)
    return m.group("title") if m else text


def _what(w: Warning, lang: str) -> str:
    if w.code == "stale_rule":
        date = re.search(r"\d{4}-\d{2}-\d{2}", w.text_en)
        when = date.group(0) if date else ""
        return f"日期 {when}，已超过一年" if lang == "zh" else f"dated {when}, over a year old"
    if w.code == "secondary_source":
        return "二手转述" if lang == "zh" else "a secondary restatement"
    return "估算" if lang == "zh" else "an estimate"


# Plain words for the terms on the screen (tooltips), in the glossary's vocabulary.
TERMS: dict[str, tuple[str, str]] = {
    "preselfpay": (
        "先行自付：乙类药品、诊疗和耗材，先由个人按比例付一部分，余下的才按规定报销",
        "self-pay first: for class 乙 drugs, services and consumables you first pay a set share; "
        "only the rest is reimbursed as usual",
    ),
    "deductible": (
        "起付线：一次住院（或一年）里先由自己付的一段钱，超过这段的部分医保才开始按比例报销",
        "deductible: the first part of a stay's (or a year's) eligible cost you pay yourself "
        "before insurance starts paying its share",
    ),
    "fund_basic": (
        "统筹基金支付：基本医保基金替您付的钱",
        "basic fund: what basic medical insurance pays for you",
    ),
    "fund_ratio": (
        "报销比例：起付线以上、政策范围内的费用中，基本医保实际付的比例（分段时取综合值）",
        "ratio applied: the share of the eligible cost above the deductible that the basic fund "
        "actually paid (the overall figure where it pays in bands)",
    ),
    "fulamt_ownpay": (
        "全自费：不在医保目录内（或丙类）的费用，医保不付",
        "fully self-paid: items outside the catalogue (or class 丙) that insurance does not pay",
    ),
    "overlmt_selfpay": (
        "超限价自费：超过医保支付标准（限价）的那部分价格，由自己付",
        "above price cap: the part of a price above insurance's payment cap, paid by you",
    ),
    "critical_illness": (
        "大病保险：一年里自己负担的合规费用超过一定金额后，再报销一部分",
        "critical-illness insurance: once your own share of eligible costs in a year passes a "
        "threshold, it pays a further part",
    ),
    "large_amount": (
        "大额医疗补助：职工医保超过基本医保封顶线的费用，再按比例报销",
        "large-amount layer: for employees, pays a share of costs above the basic fund's cap",
    ),
    "assistance": (
        "医疗救助：低保、特困等困难群众的再次救助",
        "medical assistance: further help for low-income and other eligible groups",
    ),
    "patient_burden": (
        "个人负担：您自己最终要付的钱（含全自费、超限价、先行自付、起付线和自付比例部分）",
        "patient pays: what you pay in the end (self-paid items, above caps, shares paid first, "
        "the deductible and your co-pay)",
    ),
    "filing": (
        "备案：去外地看病前（最迟出院前）向参保地医保登记，登记后才能在当地医院直接结算",
        "filing: registering with your home insurance before care elsewhere (at the latest "
        "before discharge), so the hospital there can settle directly",
    ),
    "route": (
        "直接结算：出院时在医院只付自己那部分；手工报销：先全额付清，回参保地再报销",
        "direct settlement: you pay only your own share at discharge; manual claim: pay it all, "
        "then claim it back at home",
    ),
    "cap": (
        "封顶线：一年里基本医保最多付的钱，超过的部分由大额/大病保险或自己负担",
        "annual cap: the most the basic fund pays in a year; beyond it the supplementary layers "
        "or you pay",
    ),
    "verified": (
        "本地核实：医院医保办或医保部门按文件核对后确认或更正的取值（含文号、日期、页码或链接），"
        "保存在本机，优先于随程序附带的数据",
        "locally verified: a value a hospital's insurance office or a bureau checked against a "
        "document and confirmed or corrected (with its number, date, page or link); kept on this "
        "computer, it outranks the data bundled with the program",
    ),
    "special": (
        "门诊特殊疾病（门特）：透析、肿瘤放化疗、器官移植后抗排异等在门诊长期治疗，按专门的起付线、比例和年度限额报销",
        "special outpatient diseases (门特): dialysis, cancer therapy, anti-rejection and other "
        "long outpatient care, paid by their own deductible, ratio and yearly limit",
    ),
}
