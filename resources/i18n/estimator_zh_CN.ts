<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BillModel</name>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="35"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="36"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="37"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="38"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="39"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="40"/>
        <source>Condition</source>
        <translation>限定条件</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="49"/>
        <source>not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="50"/>
        <source>met</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="51"/>
        <source>not met</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="197"/>
        <source>list price</source>
        <translation>就医地价</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="208"/>
        <source>Paid only if: %1. Tick if the patient meets it; untick if not (fully self-paid); half-ticked: not stated (estimated as met, with a warning).</source>
        <translation>限定支付：%1。符合请勾选；不符合请取消勾选（全自费）；半勾选表示未说明（按符合估算并提示）。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="221"/>
        <source>Leave at 0 to use the list price of the place of care.</source>
        <translation>填 0 即按就医地的目录价格计算。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="240"/>
        <source>Quantity must be a number above 0 and up to 100,000.</source>
        <translation>数量必须是大于 0、不超过 100,000 的数字。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="247"/>
        <source>Unit price must be a number of yuan from 0 to 100,000,000 (0: list price).</source>
        <translation>单价必须是 0 至 100,000,000 元之间的数字；0 表示按就医地价格。</translation>
    </message>
</context>
<context>
    <name>BillPanel</name>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="236"/>
        <source>2  What</source>
        <translation>2  治疗什么</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="238"/>
        <source>&amp;Treatment</source>
        <translation>治疗方案(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="239"/>
        <source>&amp;Variant</source>
        <translation>费用水平(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="240"/>
        <source>Setti&amp;ng</source>
        <translation>就医类型(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="241"/>
        <source>Add &amp;item</source>
        <translation>添加项目(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="245"/>
        <source>Name, pinyin initials or code</source>
        <translation>名称、拼音首字母或编码</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="246"/>
        <source>Search treatment packages</source>
        <translation>搜索治疗方案</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="247"/>
        <source>Matching treatment packages</source>
        <translation>匹配的治疗方案</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="248"/>
        <source>Drug, service or consumable to add</source>
        <translation>要添加的药品、诊疗项目或耗材</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="249"/>
        <source>Search items to add to the bill</source>
        <translation>搜索要加入费用清单的项目</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="250"/>
        <source>Matching items</source>
        <translation>匹配的项目</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="251"/>
        <source>Variant of the package</source>
        <translation>方案的费用水平</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="252"/>
        <source>Care setting</source>
        <translation>就医类型</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="253"/>
        <source>Bill lines</source>
        <translation>费用明细</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="255"/>
        <source>Edit quantity or unit price in place; Delete removes the selected line.</source>
        <translation>可直接修改数量或单价；按 Delete 删除选中行。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="257"/>
        <source>&amp;Remove line</source>
        <translation>删除该行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="258"/>
        <source>Remove the selected bill line</source>
        <translation>删除选中的费用明细行</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="261"/>
        <source>Package: %1 (%2 lines)</source>
        <translation>方案：%1（%2 行明细）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="266"/>
        <source>No package chosen: search one, or add items one by one.</source>
        <translation>尚未选择方案：请搜索方案，或逐项添加。</translation>
    </message>
</context>
<context>
    <name>CasesDialog</name>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="37"/>
        <source>Saved cases</source>
        <translation>已保存的个案</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="44"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="45"/>
        <source>D&amp;uplicate</source>
        <translation>复制一份(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="46"/>
        <source>&amp;Rename…</source>
        <translation>改名(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="47"/>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="48"/>
        <source>&amp;Export to a file…</source>
        <translation>导出为文件(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="49"/>
        <source>&amp;Import a file…</source>
        <translation>从文件导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="93"/>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="101"/>
        <source>A label of 1 to 80 characters, please.</source>
        <translation>请填写 1 到 80 个字的标签。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="115"/>
        <source>Written to %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="126"/>
        <source>Imported: %1</source>
        <translation>已导入：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="136"/>
        <source>Rename</source>
        <translation>改名</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="136"/>
        <source>New label:</source>
        <translation>新标签：</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="148"/>
        <source>Delete the case?</source>
        <translation>删除这个个案？</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="149"/>
        <source>Delete “%1”? This cannot be undone.</source>
        <translation>删除“%1”？删除后无法恢复。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="158"/>
        <source>Export the case</source>
        <translation>导出个案</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="158"/>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="165"/>
        <source>Case files (*.json)</source>
        <translation>个案文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/cases_dialog.py" line="165"/>
        <source>Import a case</source>
        <translation>导入个案</translation>
    </message>
</context>
<context>
    <name>CorrectionForm</name>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="116"/>
        <source>Correct or confirm a value</source>
        <translation>更正或确认一个取值</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="132"/>
        <source>a number, null (no value), true/false, or a word</source>
        <translation>数字、null（无）、true/false，或该字段允许的词</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="135"/>
        <source>item code, e.g. 003310000010000</source>
        <translation>项目编码，如 003310000010000</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="178"/>
        <source>Value&apos;s path</source>
        <translation>取值路径</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="179"/>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="180"/>
        <source>Item code</source>
        <translation>项目编码</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="181"/>
        <source>Hospital level</source>
        <translation>医院级别</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="182"/>
        <source>Price (yuan)</source>
        <translation>价格（元）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="144"/>
        <source>Confirm the bundled value</source>
        <translation>确认随附数据的取值</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="153"/>
        <source>document number (文号) or title</source>
        <translation>文号或文件标题</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="156"/>
        <source>page, article or section</source>
        <translation>页码、条款或章节</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="158"/>
        <source>link to the document (optional)</source>
        <translation>文件链接（可选）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="165"/>
        <source>who verified it, e.g. a hospital&apos;s insurance office</source>
        <translation>核实者，如 XX医院医保办</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="176"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="177"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="183"/>
        <source>Now in the data</source>
        <translation>数据中现值</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="184"/>
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="185"/>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="186"/>
        <source>Document&apos;s date</source>
        <translation>文件日期</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="187"/>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="188"/>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="189"/>
        <source>The document is</source>
        <translation>文件性质</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="190"/>
        <source>Verified by</source>
        <translation>核实者</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="191"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="271"/>
        <source>Bundled value: %1</source>
        <translation>随附数据的取值：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="291"/>
        <source>Price: %1</source>
        <translation>价格：%1</translation>
    </message>
</context>
<context>
    <name>CorrectionsDialog</name>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="412"/>
        <source>Local corrections</source>
        <translation>本地核实</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="418"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="419"/>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="420"/>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="421"/>
        <source>From</source>
        <translation>生效</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="422"/>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="423"/>
        <source>Date</source>
        <translation>文件日期</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="424"/>
        <source>Verified by</source>
        <translation>核实者</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="425"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="434"/>
        <source>&amp;Add…</source>
        <translation>新增(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="435"/>
        <source>&amp;Remove…</source>
        <translation>删除(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="436"/>
        <source>&amp;Undo last change…</source>
        <translation>撤销上一次更改(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="437"/>
        <source>&amp;Export pack…</source>
        <translation>导出数据包(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="438"/>
        <source>&amp;Import pack…</source>
        <translation>导入数据包(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="514"/>
        <source>Kept; it replaces the earlier correction of the same value.</source>
        <translation>已保存，并取代了同一取值此前的更正。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="516"/>
        <source>Kept: the next estimate uses it.</source>
        <translation>已保存：下一次估算即按此计算。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="544"/>
        <source>The last change was undone: %1 corrections now.</source>
        <translation>已撤销上一次更改：现有 %1 条更正。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="560"/>
        <source>%1 corrections written to %2</source>
        <translation>已将 %1 条更正写入 %2</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="585"/>
        <source>%1 corrections taken from the pack</source>
        <translation>已从数据包导入 %1 条更正</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="600"/>
        <source>Choose the corrections to remove in the list first.</source>
        <translation>请先在列表中选择要删除的更正。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="604"/>
        <source>Remove corrections?</source>
        <translation>删除更正？</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="606"/>
        <source>Remove %1 correction(s)? Estimates then use the bundled values again.</source>
        <translation>删除 %1 条更正？此后估算将重新采用随附数据的取值。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="614"/>
        <source>Undo the last change?</source>
        <translation>撤销上一次更改？</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="616"/>
        <source>Go back to the corrections as they were before the last change (an addition, a removal or a pack taken in)?</source>
        <translation>恢复到上一次更改（新增、删除或导入数据包）之前的本地更正？</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="627"/>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="635"/>
        <source>Export a correction pack</source>
        <translation>导出本地核实数据包</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="628"/>
        <source>Who hands the pack over (your label):</source>
        <translation>数据包提供者（您的署名）：</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="637"/>
        <source>Correction packs (*%1)</source>
        <translation>本地核实数据包 (*%1)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="645"/>
        <source>Import a correction pack</source>
        <translation>导入本地核实数据包</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="647"/>
        <source>Correction packs (*%1);;All files (*)</source>
        <translation>本地核实数据包 (*%1);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>CourseDialog</name>
    <message>
        <location filename="../../estimator_gui/ui/course_dialog.py" line="28"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/course_dialog.py" line="29"/>
        <source>Bill</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/course_dialog.py" line="30"/>
        <source>Funds pay</source>
        <translation>基金支付</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/course_dialog.py" line="31"/>
        <source>Patient pays</source>
        <translation>个人负担</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/course_dialog.py" line="32"/>
        <source>So far</source>
        <translation>累计个人负担</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/course_dialog.py" line="33"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/course_dialog.py" line="53"/>
        <source>yearly cap reached</source>
        <translation>达到年度封顶线</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/course_dialog.py" line="55"/>
        <source>above the yearly cap</source>
        <translation>超过年度封顶线</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/course_dialog.py" line="71"/>
        <source>%1 months: the patient pays %2; the yearly cap is not reached.</source>
        <translation>%1 个月：个人共负担 %2；未达到年度封顶线。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/course_dialog.py" line="73"/>
        <source>%1 months: the patient pays %2; the yearly cap is reached in month %3.</source>
        <translation>%1 个月：个人共负担 %2；第 %3 个月达到年度封顶线。</translation>
    </message>
</context>
<context>
    <name>Explanation</name>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="59"/>
        <source>No estimate</source>
        <translation>无法估算</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="63"/>
        <source>Patient pays %1</source>
        <translation>个人负担 %1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="68"/>
        <source> (%1 compared with home)</source>
        <translation>（与参保地相比 %1）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="110"/>
        <source>What other choices are worth</source>
        <translation>换个选择的金额影响</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="76"/>
        <source>Likely between %1 and %2: %3</source>
        <translation>考虑套餐低/高方案等因素，个人负担约 %1–%2（%3）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="85"/>
        <source>Settled as: %1, %2 hospital level; ratio applied %4; rules in force from %3.</source>
        <translation>结算按：%1，%2医院；适用比例 %4；政策自 %3 起执行。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="98"/>
        <source>Drug list: %1</source>
        <translation>药品目录：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="102"/>
        <source>For this patient</source>
        <translation>对这位患者而言</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="126"/>
        <source>About the data (%1 notes): hide</source>
        <translation>关于数据（%1 条说明）：收起</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="128"/>
        <source>About the data (%1 notes): show</source>
        <translation>关于数据（%1 条说明）：展开</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="142"/>
        <source>Deposit at admission</source>
        <translation>入院押金</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="144"/>
        <source> (typical; ask the hospital)</source>
        <translation>（常见数额，请向医院确认）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="151"/>
        <source>Paid at discharge (negative: refunded)</source>
        <translation>出院时补交（负数为退还）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="156"/>
        <source>Paid up front in all</source>
        <translation>共需先行支付</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="158"/>
        <source>Claimed back at home</source>
        <translation>回参保地报销</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="160"/>
        <source>Cash needed and what to do</source>
        <translation>需要准备的现金和办理步骤</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="166"/>
        <source>Keep: %1</source>
        <translation>请保留：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="174"/>
        <source>Travel</source>
        <translation>交通</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="175"/>
        <source>Lodging</source>
        <translation>住宿</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="176"/>
        <source>Meals</source>
        <translation>餐饮</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="177"/>
        <source>Income lost</source>
        <translation>误工损失</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="184"/>
        <source>The cost of the trip (apart from the medical bill)</source>
        <translation>出行费用（医疗费用以外）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="186"/>
        <source>Trip %1; with what the patient pays: %2</source>
        <translation>出行 %1；加上个人负担的医疗费用共 %2</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="194"/>
        <source>How it is computed</source>
        <translation>计算过程</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="195"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="196"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="197"/>
        <source>Rule</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="241"/>
        <source>Select an option to see how it is computed.</source>
        <translation>选择一个方案查看其计算过程。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="53"/>
        <source>National drug list (药品目录)</source>
        <translation>国家医保药品目录</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="54"/>
        <source>NHSA drug codes (药品分类与代码)</source>
        <translation>医保药品分类与代码</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="55"/>
        <source>Service price list of a province (医疗服务价格)</source>
        <translation>省级医疗服务价格项目</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="56"/>
        <source>Consumables list (医用耗材)</source>
        <translation>医用耗材目录</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="78"/>
        <source>Import an official file</source>
        <translation>导入官方文件</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="82"/>
        <source>XLSX or CSV (UTF-8, GBK, GB18030)</source>
        <translation>XLSX 或 CSV（UTF-8、GBK、GB18030）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="83"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="94"/>
        <source>e.g. 四川省 (services and provincial consumables)</source>
        <translation>如 四川省（医疗服务价格、省级耗材目录需填写）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="101"/>
        <source>who imports it, e.g. a hospital&apos;s insurance office</source>
        <translation>导入者，如某医院医保办</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="104"/>
        <source>optional: your own column mapping (YAML)</source>
        <translation>可选：自定义列映射文件（YAML）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="107"/>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="124"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="108"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="109"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="110"/>
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="111"/>
        <source>Your label</source>
        <translation>导入者</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="112"/>
        <source>Mapping</source>
        <translation>列映射</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="114"/>
        <source>Check the file</source>
        <translation>检查文件</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="121"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="121"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="125"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="126"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="127"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="128"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="134"/>
        <source>Apply</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="145"/>
        <source>Columns mapped</source>
        <translation>列的对应</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="147"/>
        <source>Rejected rows</source>
        <translation>被拒绝的行</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="189"/>
        <source>Official file</source>
        <translation>官方文件</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="189"/>
        <source>Tables (*.xlsx *.csv);;All files (*)</source>
        <translation>表格 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="211"/>
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="248"/>
        <source>Rows read: %1, accepted: %2, rejected: %3; new items: %4</source>
        <translation>读取 %1 行：接受 %2，拒绝 %3；新项目 %4</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="256"/>
        <source>catalogue</source>
        <translation>目录</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="256"/>
        <source>price list</source>
        <translation>价格表</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/import_dialog.py" line="259"/>
        <source>added %1, removed %2, re-classed %3, re-priced %4</source>
        <translation>新增 %1，移除 %2，类别变化 %3，价格变化 %4</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../estimator_gui/__main__.py" line="80"/>
        <source>Reference database</source>
        <translation>参考数据库</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="325"/>
        <source>Choose a treatment package or add items to the bill first.</source>
        <translation>请先选择治疗方案或在费用清单中添加项目。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="354"/>
        <source>Please check the inputs: %1</source>
        <translation>请检查输入：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="550"/>
        <source>Medical cost estimator: home versus other cities</source>
        <translation>医保自付费用估算：参保地与异地对比</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="551"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="552"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="553"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="554"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="555"/>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="320"/>
        <source>Please correct: %1</source>
        <translation>请更正：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="412"/>
        <source>The reference data cannot be used</source>
        <translation>参考数据无法使用</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="425"/>
        <source>Details of option %1</source>
        <translation>方案 %1 的详细信息</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="556"/>
        <source>&amp;Export the full report (PDF)…</source>
        <translation>导出完整报告 PDF(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="557"/>
        <source>&amp;Save the case…</source>
        <translation>保存个案(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="558"/>
        <source>&amp;Open a saved case…</source>
        <translation>打开已保存的个案(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="559"/>
        <source>&amp;Print the one-page sheet…</source>
        <translation>打印一页说明(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="560"/>
        <source>Save the one-page sheet as P&amp;DF…</source>
        <translation>一页说明另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="561"/>
        <source>A &amp;year month by month (special outpatient care)…</source>
        <translation>逐月看一年（门诊特殊病种）(&amp;Y)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="562"/>
        <source>&amp;Import an official file…</source>
        <translation>导入官方文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="563"/>
        <source>&amp;Undo the last data update</source>
        <translation>撤销上一次数据更新(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="564"/>
        <source>&amp;Local corrections…</source>
        <translation>本地核实(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="565"/>
        <source>4  For the patient&apos;s sheet</source>
        <translation>4  给患者的说明</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="566"/>
        <source>Counsellor&apos;s name (on the sheet)</source>
        <translation>咨询人员姓名（印在说明上）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="567"/>
        <source>Counsellor&apos;s name</source>
        <translation>咨询人员姓名</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="568"/>
        <source>Notes for the patient (on the sheet)</source>
        <translation>给患者的备注（印在说明上）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="569"/>
        <source>Notes for the patient</source>
        <translation>给患者的备注</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="570"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="571"/>
        <source>Lar&amp;ge font</source>
        <translation>大字模式(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="572"/>
        <source>&amp;About the data</source>
        <translation>关于数据(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="574"/>
        <source>Compare (Enter)</source>
        <translation>对比（回车）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="575"/>
        <source>Compare the options</source>
        <translation>对比各就医方案</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="576"/>
        <source>Comparison: one column per option</source>
        <translation>对比结果：每列一个方案</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="577"/>
        <source>Chart: who pays what per option</source>
        <translation>图表：各方案由谁支付多少</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="578"/>
        <source>Explanation of the selected option</source>
        <translation>所选方案的计算说明</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="579"/>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="580"/>
        <source>Message</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="653"/>
        <source>Data: %1</source>
        <translation>数据：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="725"/>
        <source>Undo the last data update</source>
        <translation>撤销上一次数据更新</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="742"/>
        <location filename="../../estimator_gui/ui/main_window.py" line="870"/>
        <source>Saved cases</source>
        <translation>已保存的个案</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="782"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="804"/>
        <source>Numbers changed since the case was saved</source>
        <translation>保存个案后数字有变化</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="855"/>
        <source>Save the case</source>
        <translation>保存个案</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="856"/>
        <source>A label for the case (no names or ID numbers needed):</source>
        <translation>个案标签（无需填写姓名或证件号）：</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="903"/>
        <source>Save the one-page sheet</source>
        <translation>保存一页说明</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="906"/>
        <source>The sheet could not be written.</source>
        <translation>说明无法写入。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="928"/>
        <source>A year month by month: %1</source>
        <translation>逐月看一年：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="604"/>
        <source>%1 years</source>
        <translation>%1 岁</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="607"/>
        <source>Bill entered line by line</source>
        <translation>逐项录入的费用清单</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="609"/>
        <source>Insured in: %1</source>
        <translation>参保地：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="610"/>
        <source>Treatment: %1 (%2 lines) · date of care %3</source>
        <translation>治疗：%1（%2 行明细）· 就医日期 %3</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="616"/>
        <source>An estimate from the rules and prices bundled with this program (reference data built %1), each step citing its source and how reliable it is. The hospital&apos;s settlement is what counts: check unclear points with your insurance bureau (12393).</source>
        <translation>本报告为根据程序内置的规则和价格所做的估算（参考数据构建于 %1），每一步都注明了依据及其可靠程度。实际金额以医院结算为准，如有疑问请咨询参保地医保部门（12393）。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="626"/>
        <source>Export report (PDF)</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="626"/>
        <location filename="../../estimator_gui/ui/main_window.py" line="903"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="629"/>
        <source>The report could not be written.</source>
        <translation>报告无法写入。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="635"/>
        <source>%1 regions: %2 curated, the others from the unverified national template</source>
        <translation>%1 个地区：%2 个经过核对，其余来自未经核实的全国模板</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="641"/>
        <source>%1: rules from %2 (official %3, secondary %4, estimated %5)</source>
        <translation>%1：规则自 %2 起（官方 %3，二手 %4，估算 %5）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="648"/>
        <source>About the data</source>
        <translation>关于数据</translation>
    </message>
</context>
<context>
    <name>NumberDelegate</name>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="75"/>
        <source>list price</source>
        <translation>就医地价</translation>
    </message>
</context>
<context>
    <name>NumberField</name>
    <message>
        <location filename="../../estimator_gui/ui/numbers.py" line="60"/>
        <source>empty: type a number (0 if none)</source>
        <translation>未填写：请输入数字（没有则填 0）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/numbers.py" line="63"/>
        <source>&apos;%1&apos; is not a whole number (digits only)</source>
        <translation>“%1”不是整数（只能填数字）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/numbers.py" line="66"/>
        <source>&apos;%1&apos; is not an amount (digits, at most two decimals, no commas)</source>
        <translation>“%1”不是金额（数字，最多两位小数，不加逗号）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/numbers.py" line="72"/>
        <source>&apos;%1&apos; is not a number</source>
        <translation>“%1”不是数字</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/numbers.py" line="75"/>
        <source>%1 is above the largest allowed, %2</source>
        <translation>%1 超过允许的最大值 %2</translation>
    </message>
</context>
<context>
    <name>OptionDialog</name>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="99"/>
        <source>e.g. the hospital and the date of its quote</source>
        <translation>例如：医院名称和报价日期</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="100"/>
        <source>Quote from</source>
        <translation>报价来源</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="108"/>
        <source>%1 total (taken as class %2)</source>
        <translation>%1 合计（按%2类计）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="115"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="115"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="115"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="115"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="120"/>
        <source>Add a line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="122"/>
        <source>Remove the line</source>
        <translation>删除此行</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="124"/>
        <source>Import the hospital&apos;s itemised bill (CSV/XLSX)…</source>
        <translation>导入医院的费用清单（CSV/XLSX）…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="126"/>
        <source>No quote (use the package)</source>
        <translation>不用报价（按套餐估算）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="133"/>
        <source>The quote replaces the package&apos;s bill for this option only. Totals by category are classed as shown (an assumption); lines with a catalogue code are classed by the catalogue of the place of care.</source>
        <translation>报价只替换这个方案的套餐费用。按类别填写的合计按所示类别计算（这是假设）；带目录编码的明细按就医地目录分类。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="145"/>
        <source>Hospital quote</source>
        <translation>医院报价</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="161"/>
        <source>row %1, column %2: %3</source>
        <translation>第 %1 行，“%2”列：%3</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="169"/>
        <source>… and %1 more</source>
        <translation>……另有 %1 处</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="171"/>
        <source>%1: nothing imported, %2 problem(s):</source>
        <translation>%1：未导入任何内容，有 %2 处问题：</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="182"/>
        <source>%1: %2 lines imported (%3)</source>
        <translation>%1：已导入 %2 行（%3）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="191"/>
        <source>The hospital&apos;s itemised bill</source>
        <translation>医院的费用清单</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="191"/>
        <source>Bills (*.csv *.xlsx)</source>
        <translation>费用清单 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="207"/>
        <source>The hospital has said its deposit</source>
        <translation>医院已告知押金数额</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="211"/>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="256"/>
        <source>Deposit at admission</source>
        <translation>入院押金</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="214"/>
        <source>Otherwise the program states a typical amount (your share, or the whole bill for a claim at home, rounded up to ¥1,000).</source>
        <translation>否则本程序给出常见数额（个人负担部分；如需回参保地报销则为全部费用；向上取整到千元）。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="221"/>
        <source>Deposit</source>
        <translation>押金</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="228"/>
        <source>Travel by (train, plane, car …)</source>
        <translation>出行方式（火车、飞机、自驾……）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="230"/>
        <source>Fare, one way, per person</source>
        <translation>单程每人票价</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="231"/>
        <source>One-way journeys</source>
        <translation>单程次数</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="232"/>
        <source>Companions</source>
        <translation>陪同人数</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="233"/>
        <source>Nights of lodging</source>
        <translation>住宿晚数</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="234"/>
        <source>Lodging per night</source>
        <translation>每晚住宿费</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="235"/>
        <source>Days of meals</source>
        <translation>餐饮天数</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="236"/>
        <source>Meals per day, all together</source>
        <translation>每天餐费（合计）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="237"/>
        <source>Days of income lost</source>
        <translation>误工天数</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="238"/>
        <source>Income per day</source>
        <translation>每天收入</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="248"/>
        <source>Cost of the trip</source>
        <translation>出行费用</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="264"/>
        <source>line %1: no item with code &apos;%2&apos;</source>
        <translation>第 %1 行：没有编码为“%2”的项目</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="268"/>
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="268"/>
        <source>unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="275"/>
        <source>line %1, %2: %3</source>
        <translation>第 %1 行，%2：%3</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/option_dialog.py" line="278"/>
        <source>more than 0, please</source>
        <translation>请填大于 0 的数</translation>
    </message>
</context>
<context>
    <name>OptionsPanel</name>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="188"/>
        <source>3  Where</source>
        <translation>3  在哪里就医</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="190"/>
        <source>Hospital level at home</source>
        <translation>参保地医院等级</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="189"/>
        <source>%1 (home)</source>
        <translation>%1（参保地）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="197"/>
        <source>Level</source>
        <translation>医院等级</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="198"/>
        <source>Filing</source>
        <translation>备案类型</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="199"/>
        <source>Settlement</source>
        <translation>结算方式</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="196"/>
        <source>Place of care</source>
        <translation>就医地</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="191"/>
        <source>Quote, deposit and trip at home</source>
        <translation>参保地的报价、押金和出行</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="193"/>
        <location filename="../../estimator_gui/ui/options_panel.py" line="224"/>
        <source>The hospital&apos;s own quote, its deposit, the cost of the trip</source>
        <translation>医院自己的报价、押金和出行费用</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="203"/>
        <source>&amp;Add another place</source>
        <translation>添加就医地(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="204"/>
        <source>Add another place (up to four)</source>
        <translation>添加就医地（最多四个）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="212"/>
        <source>Place %1</source>
        <translation>就医地 %1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="213"/>
        <source>Level at place %1</source>
        <translation>就医地 %1 的医院等级</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="214"/>
        <source>Filing at place %1</source>
        <translation>就医地 %1 的备案类型</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="215"/>
        <source>Settlement at place %1</source>
        <translation>就医地 %1 的结算方式</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="216"/>
        <source>Quote, deposit and trip at place %1</source>
        <translation>地点 %1 的报价、押金和出行</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="217"/>
        <location filename="../../estimator_gui/ui/options_panel.py" line="222"/>
        <source>Remove place %1</source>
        <translation>删除就医地 %1</translation>
    </message>
</context>
<context>
    <name>PackPreviewDialog</name>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="332"/>
        <source>Import a correction pack</source>
        <translation>导入本地核实数据包</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="335"/>
        <source>%1: %2 corrections from %3, made %4. The content matches its SHA-256 manifest: it arrived as it was packed. This does not prove who made it: the author is what the pack says.</source>
        <translation>%1：%3 制作于 %4，共 %2 条更正。内容与其 SHA-256 清单一致：收到的即是打包时的内容。这不能证明制作者是谁：制作者以数据包自述为准。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="356"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="357"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="358"/>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="359"/>
        <source>Yours</source>
        <translation>本机现有</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="360"/>
        <source>The pack&apos;s</source>
        <translation>数据包</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="361"/>
        <source>Verified by</source>
        <translation>核实者</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="362"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="381"/>
        <source>Where the pack conflicts with your own corrections, take the pack&apos;s</source>
        <translation>与本机更正冲突时，采用数据包的取值</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/corrections_dialog.py" line="386"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../estimator_gui/ui/report.py" line="81"/>
        <source>Out-of-pocket estimate: home and elsewhere</source>
        <translation>医疗费用个人负担估算：参保地与异地对比</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="296"/>
        <source>Self-pay first</source>
        <translation>先行自付</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="54"/>
        <source>Patient pays, low–high</source>
        <translation>个人负担（低–高）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="55"/>
        <source>Bill and prices from</source>
        <translation>费用和价格来源</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="56"/>
        <source>Deposit at admission</source>
        <translation>入院押金</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="57"/>
        <source>Travel, lodging, meals</source>
        <translation>交通、住宿、餐饮</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="66"/>
        <source>home</source>
        <translation>参保地</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="160"/>
        <source>Difference to home</source>
        <translation>比参保地多付</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="211"/>
        <source> (typical)</source>
        <translation>（常见数额）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="235"/>
        <source>No estimate: %1</source>
        <translation>无法估算：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="266"/>
        <source>hospital quote</source>
        <translation>医院报价</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="267"/>
        <source>package estimate</source>
        <translation>套餐估算</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="268"/>
        <source>bill entered</source>
        <translation>录入的费用</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="278"/>
        <source>local prices</source>
        <translation>本地价格</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="281"/>
        <source>prices: %1, not local</source>
        <translation>价格：%1，非本地</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="283"/>
        <source>prices not local</source>
        <translation>非本地价格</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="289"/>
        <source>Basic fund</source>
        <translation>统筹基金</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="291"/>
        <source>Critical illness, large amount, assistance</source>
        <translation>大病、大额、救助</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="295"/>
        <source>Self-paid items</source>
        <translation>全自费与超限价</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="297"/>
        <source>Deductible and co-pay</source>
        <translation>起付线与共付</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="322"/>
        <source>pays %1</source>
        <translation>自付 %1</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../estimator_gui/ui/search_box.py" line="33"/>
        <source>treatment</source>
        <translation>治疗方案</translation>
    </message>
</context>
<context>
    <name>StackedBarChart</name>
    <message>
        <location filename="../../estimator_gui/ui/chart.py" line="91"/>
        <source>Compare to see who pays what.</source>
        <translation>点击“对比”查看各方由谁支付多少。</translation>
    </message>
</context>
<context>
    <name>WhoPanel</name>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="193"/>
        <source>1  Who</source>
        <translation>1  参保人</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="195"/>
        <source>Insured &amp;region</source>
        <translation>参保地(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="196"/>
        <source>&amp;Scheme</source>
        <translation>险种(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="197"/>
        <source>&amp;Person</source>
        <translation>人员类别(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="198"/>
        <source>A&amp;ge</source>
        <translation>年龄(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="199"/>
        <source>&amp;Date of care</source>
        <translation>就医日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="200"/>
        <source>Deductible paid</source>
        <translation>已付起付线</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="201"/>
        <source>Fund paid</source>
        <translation>统筹已支付</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="202"/>
        <source>Admissions</source>
        <translation>已住院次数</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="203"/>
        <source>Eligible so far</source>
        <translation>已发生政策内费用</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="204"/>
        <source>Own share so far</source>
        <translation>政策内自付累计</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="211"/>
        <source>Eligible (in-policy) expense this year so far: the ratio bands continue from it.</source>
        <translation>本医保年度此前已发生的政策范围内费用：分段报销比例从这里接着计算。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="216"/>
        <source>Your in-policy own share this year so far: critical-illness insurance continues from it.</source>
        <translation>本医保年度此前政策范围内个人负担累计：大病保险从这里接着计算。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="219"/>
        <source>So far this insurance year, before this stay (optional):</source>
        <translation>本医保年度此前已发生（选填）：</translation>
    </message>
</context>
</TS>
