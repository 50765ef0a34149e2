#!/usr/bin/env python3
"""Regenerates the exporter fixtures (*.json here) from the texts below.

The fixtures are Documents as the chain would leave them after the analysis plugins, written
by hand so that the exporter tests do not depend on what those plugins currently find. Offsets
are code point offsets into `text`, computed here so that they cannot drift from the text.
Run it from any folder: python3 tests/data/exporters/make_fixtures.py
"""
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def find(text, needle, after=0):
    i = text.find(needle, after)
    if i < 0:
        raise SystemExit(f"fixture text has no {needle!r} after {after}")
    return i


def line_blocks(text, kinds):
    """One block per line: kinds maps a line number to (kind, reason, section)."""
    blocks, pos = [], 0
    for n, line in enumerate(text.split("\n")):
        kind, reason, section = kinds.get(n, ("body", None, -1))
        if not line.strip():
            kind, reason = "blank", None
        blocks.append({"kind": kind, "reason": reason, "start": pos, "end": pos + len(line),
                       "section": section, "items": []})
        pos += len(line) + 1
    return blocks


def section(text, level, marker, heading, next_heading=None, stop=None):
    start = find(text, marker + heading)
    if next_heading is not None:
        end = find(text, next_heading, start + 1) - 1  # the newline before the next heading
    else:
        end = find(text, stop, start) if stop else len(text)
    return {"level": level, "marker": marker, "heading": heading, "start": start, "end": end}


def metric(text, surface, value, unit, kind, subject, section, after=0, **extra):
    start = find(text, surface, after)
    m = {"text": surface, "value": value, "value_max": None, "unit": unit, "approx": False,
         "qualifier": None, "kind": kind, "subject": subject, "modality": "actual",
         "section": section, "start": start, "end": start + len(surface), "period": "2021",
         "scope": None, "direction": None, "basis": None}
    m.update(extra)
    return m


def document(name, text, **fields):
    raw = text.encode("utf-8")
    doc = {
        "source": {"path": f"/srv/inbox/{name}.txt", "member": None,
                   "sha256": hashlib.sha256(raw).hexdigest(), "bytes": len(raw)},
        "encoding": {"detected": "UTF-8", "confidence": 0.99, "bom": False, "repairs": [],
                     "lossy": 0},
        "script": {"detected": "Hans", "share": 1.0, "converted_to": None},
        "original_text": text, "text": text,
        "title": None, "published": None, "issuer": None, "period": None, "report_kind": None,
        "sections": [], "metrics": [], "diagnostics": [], "chain": [], "blocks": [],
        "offset_map": [], "attributes": {},
    }
    doc.update(fields)
    with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


def report():
    text = "\n".join([
        "某市司法局2021年工作总结",
        "发布时间：2022-01-15　来源：某市司法局",
        "",
        "　　2021年，市司法局坚持以法治思想为指导，全面完成各项工作任务，全年服务群众12万人次。",
        "一、公共法律服务体系建设",
        "（一）法律援助",
        "　　全年办理法律援助案件3562件，同比增长12.5%，为困难群众挽回经济损失1.2亿元。",
        "（二）人民调解",
        "　　全市各级人民调解组织共调解矛盾纠纷2.3万余件，调解成功率98.6%。",
        "二、行政复议与应诉",
        "　　全年受理行政复议案件486件，审结451件，纠错率8.2%；行政机关负责人出庭应诉率达到100%。",
        "三、2022年工作计划",
        "　　计划新建公共法律服务工作站30至50个，培训法律明白人5000人次。",
        "",
        "返回顶部 | 打印本页 | 关闭窗口",
    ])
    sections = [
        section(text, 1, "一、", "公共法律服务体系建设", "二、行政复议"),
        section(text, 2, "（一）", "法律援助", "（二）人民调解"),
        section(text, 2, "（二）", "人民调解", "二、行政复议"),
        section(text, 1, "二、", "行政复议与应诉", "三、2022"),
        section(text, 1, "三、", "2022年工作计划", stop="\n\n返回顶部"),
    ]
    plan = {"modality": "plan", "period": "2022"}
    metrics = [
        metric(text, "12万人次", 120000, "人次", "count", "服务群众", -1, scope="全市"),
        metric(text, "3562件", 3562, "件", "count", "法律援助案件", 1),
        metric(text, "12.5%", 12.5, "%", "percent", "法律援助案件", 1, direction="up",
               basis="同比"),
        metric(text, "1.2亿元", 120000000, "元", "money", "挽回经济损失", 1),
        metric(text, "2.3万余件", 23000, "件", "count", "调解矛盾纠纷", 2, approx=True,
               qualifier="余", scope="全市"),
        metric(text, "98.6%", 98.6, "%", "percent", "调解成功率", 2),
        metric(text, "486件", 486, "件", "count", "受理行政复议案件", 3),
        metric(text, "451件", 451, "件", "count", "审结行政复议案件", 3),
        metric(text, "8.2%", 8.2, "%", "percent", "行政复议纠错率", 3),
        metric(text, "100%", 100, "%", "percent", "负责人出庭应诉率", 3),
        metric(text, "30至50个", 30, "个", "count", "新建公共法律服务工作站", 4, value_max=50,
               **plan),
        metric(text, "5000人次", 5000, "人次", "count", "培训法律明白人", 4, **plan),
    ]
    kinds = {0: ("title", None, -1), 1: ("field", None, -1), 4: ("heading", None, 0),
             5: ("heading", None, 1), 6: ("body", None, 1), 7: ("heading", None, 2),
             8: ("body", None, 2), 9: ("heading", None, 3), 10: ("body", None, 3),
             11: ("heading", None, 4), 12: ("body", None, 4),
             14: ("boilerplate", "navigation", -1)}
    document("report_2021", text, title="某市司法局2021年工作总结", published="2022-01-15",
             issuer="某市司法局", period="2021", report_kind="summary", sections=sections,
             metrics=metrics, blocks=line_blocks(text, kinds),
             encoding={"detected": "GB18030", "confidence": 0.98, "bom": False, "repairs": [],
                       "lossy": 0},
             chain=[{"plugin": "encoding_fix", "version": "1.0.0", "micros": 120}])


def hostile():
    """Everything an exporter must escape or survive: markup in the text, separators in fields,
    formula-looking cells, overlapping and out-of-range metrics, control characters."""
    text = "\n".join([
        '<script>alert("页面")</script> & 标题 | *星号* _下划线_ [链接](http://x)',
        "=SUM(A1:A9) 开头的行，逗号,分号;引号\"双\"",
        "一、<b>不是标签</b>",
        "1. 看起来像列表的行：增长3至5个百分点，合计7个，\u0001控制字符，替换符\ufffd。",
        "　　最后一行有　全角空格和\u00a0不换行空格，金额-2.5万元。",
    ])
    sections = [
        {"level": 1, "marker": "一、", "heading": "<b>不是标签</b>",
         "start": find(text, "一、<b>"), "end": len(text)},
        {"level": 3, "marker": "1.", "heading": "看起来像列表的行 | 竖线",
         "start": find(text, "1. 看"), "end": len(text)},
    ]
    start = find(text, "3至5个百分点")
    metrics = [
        metric(text, "3至5个百分点", 3, "个百分点", "points", '主体,含"引号"\n换行', 1,
               value_max=5, direction="up", basis="比去年"),
        # overlaps the range above: both must stay visible and linked
        {**metric(text, "5个百分点", 5, "个百分点", "points", "重叠的指标", 1),
         "start": start + 2, "end": start + 7},
        metric(text, "7个", 7, "个", "count", "=HYPERLINK(\"http://x\")", 99),
        metric(text, "-2.5万元", -25000, "元", "money", "-负数主体", 0),
        # offsets outside the text, and backwards: reported, not highlighted, no crash
        {**metric(text, "7个", 7, "个", "count", "越界指标", 1), "start": len(text) + 5,
         "end": len(text) + 9},
        {**metric(text, "7个", 7, "个", "count", "倒序指标", 1), "start": 20, "end": 10},
    ]
    document("hostile", text,
             title='<script>alert("标题")</script> & "引号" | 竖线 *星号*',
             issuer="某局</td><td>注入", period="2021", report_kind="summary",
             published="2021-12-31", sections=sections, metrics=metrics,
             diagnostics=[{"plugin": "encoding_fix", "severity": "warning",
                           "message": "1 character lost <U+FFFD>"}])


def bare():
    """What arrives when no analysis plugin ran: text only."""
    text = "只有正文的文件，没有标题、章节和指标。\n第二行。"
    document("bare", text)


report()
hostile()
bare()
