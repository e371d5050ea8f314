<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BillModel</name>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="34"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="35"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="36"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="37"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="38"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="39"/>
        <source>Condition</source>
        <translation>限定条件</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="48"/>
        <source>not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="49"/>
        <source>met</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="50"/>
        <source>not met</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="177"/>
        <source>list price</source>
        <translation>就医地价</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="188"/>
        <source>Paid only if: %1. Tick if the patient meets it; untick if not (fully self-paid); half-ticked: not stated (estimated as met, with a warning).</source>
        <translation>限定支付：%1。符合请勾选；不符合请取消勾选（全自费）；半勾选表示未说明（按符合估算并提示）。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="201"/>
        <source>Leave at 0 to use the list price of the place of care.</source>
        <translation>填 0 即按就医地的目录价格计算。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="220"/>
        <source>Quantity must be a number above 0 and up to 100,000.</source>
        <translation>数量必须是大于 0、不超过 100,000 的数字。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_model.py" line="227"/>
        <source>Unit price must be a number of yuan from 0 to 100,000,000 (0: list price).</source>
        <translation>单价必须是 0 至 100,000,000 元之间的数字；0 表示按就医地价格。</translation>
    </message>
</context>
<context>
    <name>BillPanel</name>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="212"/>
        <source>2  What</source>
        <translation>2  治疗什么</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="214"/>
        <source>&amp;Treatment</source>
        <translation>治疗方案(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="215"/>
        <source>&amp;Variant</source>
        <translation>费用水平(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="216"/>
        <source>Setti&amp;ng</source>
        <translation>就医类型(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="217"/>
        <source>Add &amp;item</source>
        <translation>添加项目(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="221"/>
        <source>Name, pinyin initials or code</source>
        <translation>名称、拼音首字母或编码</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="222"/>
        <source>Search treatment packages</source>
        <translation>搜索治疗方案</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="223"/>
        <source>Matching treatment packages</source>
        <translation>匹配的治疗方案</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="224"/>
        <source>Drug, service or consumable to add</source>
        <translation>要添加的药品、诊疗项目或耗材</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="225"/>
        <source>Search items to add to the bill</source>
        <translation>搜索要加入费用清单的项目</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="226"/>
        <source>Matching items</source>
        <translation>匹配的项目</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="227"/>
        <source>Variant of the package</source>
        <translation>方案的费用水平</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="228"/>
        <source>Care setting</source>
        <translation>就医类型</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="229"/>
        <source>Bill lines</source>
        <translation>费用明细</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="231"/>
        <source>Edit quantity or unit price in place; Delete removes the selected line.</source>
        <translation>可直接修改数量或单价；按 Delete 删除选中行。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="233"/>
        <source>&amp;Remove line</source>
        <translation>删除该行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="234"/>
        <source>Remove the selected bill line</source>
        <translation>删除选中的费用明细行</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="237"/>
        <source>Package: %1 (%2 lines)</source>
        <translation>方案：%1（%2 行明细）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="242"/>
        <source>No package chosen: search one, or add items one by one.</source>
        <translation>尚未选择方案：请搜索方案，或逐项添加。</translation>
    </message>
</context>
<context>
    <name>Explanation</name>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="33"/>
        <source>No estimate</source>
        <translation>无法估算</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="37"/>
        <source>Patient pays %1</source>
        <translation>个人负担 %1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="42"/>
        <source> (%1 compared with home)</source>
        <translation>（与参保地相比 %1）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="46"/>
        <source>Settled as: %1, %2 hospital level; rules in force from %3.</source>
        <translation>结算方式：%1，按%2医院待遇；所用规则自 %3 起施行。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="54"/>
        <source>; low–high variant of the package: %1–%2</source>
        <translation>；套餐低/高方案：%1–%2</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="62"/>
        <source>Catalogue editions used: %1</source>
        <translation>所用目录版本：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="66"/>
        <source>What other choices are worth</source>
        <translation>换个选择的金额影响</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="71"/>
        <source>Warnings</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="78"/>
        <source>How it is computed</source>
        <translation>计算过程</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="79"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="80"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="81"/>
        <source>Rule</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/explanation.py" line="108"/>
        <source>Select an option to see how it is computed.</source>
        <translation>选择一个方案查看其计算过程。</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../estimator_gui/__main__.py" line="69"/>
        <source>Reference database</source>
        <translation>参考数据库</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="245"/>
        <source>Choose a treatment package or add items to the bill first.</source>
        <translation>请先选择治疗方案或在费用清单中添加项目。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="284"/>
        <source>Please check the inputs: %1</source>
        <translation>请检查输入：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="402"/>
        <source>Medical cost estimator: home versus other cities</source>
        <translation>医保自付费用估算：参保地与异地对比</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="403"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="404"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="405"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="406"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="407"/>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="408"/>
        <source>&amp;Export report (PDF)…</source>
        <translation>导出报告(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="409"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="410"/>
        <source>Lar&amp;ge font</source>
        <translation>大字模式(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="411"/>
        <source>&amp;About the data</source>
        <translation>关于数据(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="413"/>
        <source>Compare (Enter)</source>
        <translation>对比（回车）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="414"/>
        <source>Compare the options</source>
        <translation>对比各就医方案</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="415"/>
        <source>Comparison: one column per option</source>
        <translation>对比结果：每列一个方案</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="416"/>
        <source>Chart: who pays what per option</source>
        <translation>图表：各方案由谁支付多少</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="417"/>
        <source>Explanation of the selected option</source>
        <translation>所选方案的计算说明</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="418"/>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="419"/>
        <source>Message</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="422"/>
        <location filename="../../estimator_gui/ui/main_window.py" line="474"/>
        <source>Reference data built %1 · %2 regions</source>
        <translation>参考数据构建于 %1 · 共 %2 个地区</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="446"/>
        <source>%1 years</source>
        <translation>%1 岁</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="449"/>
        <source>Bill entered line by line</source>
        <translation>逐项录入的费用清单</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="451"/>
        <source>Insured in: %1</source>
        <translation>参保地：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="452"/>
        <source>Treatment: %1 (%2 lines) · date of care %3</source>
        <translation>治疗：%1（%2 行明细）· 就医日期 %3</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="458"/>
        <source>An estimate from the rules and prices bundled with this program (reference data built %1), each step citing its source and how reliable it is. The hospital&apos;s settlement is what counts: check unclear points with your insurance bureau (12393).</source>
        <translation>本报告为根据程序内置的规则和价格所做的估算（参考数据构建于 %1），每一步都注明了依据及其可靠程度。实际金额以医院结算为准，如有疑问请咨询参保地医保部门（12393）。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="466"/>
        <source>Export report (PDF)</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="466"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="469"/>
        <source>The report could not be written.</source>
        <translation>报告无法写入。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="480"/>
        <source>%1: rules from %2 (official %3, secondary %4, estimated %5)</source>
        <translation>%1：规则自 %2 起（官方 %3，二手 %4，估算 %5）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/main_window.py" line="487"/>
        <source>About the data</source>
        <translation>关于数据</translation>
    </message>
</context>
<context>
    <name>NumberDelegate</name>
    <message>
        <location filename="../../estimator_gui/ui/bill_panel.py" line="65"/>
        <source>list price</source>
        <translation>就医地价</translation>
    </message>
</context>
<context>
    <name>OptionsPanel</name>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="180"/>
        <source>3  Where</source>
        <translation>3  在哪里就医</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="182"/>
        <source>Hospital level at home</source>
        <translation>参保地医院等级</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="181"/>
        <source>%1 (home)</source>
        <translation>%1（参保地）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="185"/>
        <source>Level</source>
        <translation>医院等级</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="186"/>
        <source>Filing</source>
        <translation>备案类型</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="187"/>
        <source>Settlement</source>
        <translation>结算方式</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="184"/>
        <source>Place of care</source>
        <translation>就医地</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="191"/>
        <source>&amp;Add another place</source>
        <translation>添加就医地(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="192"/>
        <source>Add another place (up to four)</source>
        <translation>添加就医地（最多四个）</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="201"/>
        <source>Place %1</source>
        <translation>就医地 %1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="202"/>
        <source>Level at place %1</source>
        <translation>就医地 %1 的医院等级</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="203"/>
        <source>Filing at place %1</source>
        <translation>就医地 %1 的备案类型</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="204"/>
        <source>Settlement at place %1</source>
        <translation>就医地 %1 的结算方式</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/options_panel.py" line="205"/>
        <location filename="../../estimator_gui/ui/options_panel.py" line="210"/>
        <source>Remove place %1</source>
        <translation>删除就医地 %1</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../estimator_gui/ui/report.py" line="79"/>
        <source>Out-of-pocket estimate: home and elsewhere</source>
        <translation>医疗费用个人负担估算：参保地与异地对比</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="48"/>
        <source>Total medical cost</source>
        <translation>医疗费总额</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="52"/>
        <source>Fully self-paid</source>
        <translation>全自费</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="57"/>
        <source>Above price cap</source>
        <translation>超限价</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="61"/>
        <location filename="../../estimator_gui/ui/results_model.py" line="237"/>
        <source>Self-pay first</source>
        <translation>先行自付</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="65"/>
        <source>Deductible</source>
        <translation>起付线</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="69"/>
        <source>Basic fund pays</source>
        <translation>统筹支付</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="73"/>
        <source>Critical illness / large amount</source>
        <translation>大病/大额</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="78"/>
        <source>Medical assistance</source>
        <translation>医疗救助</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="83"/>
        <source>Patient pays</source>
        <translation>个人负担</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="95"/>
        <source>home</source>
        <translation>参保地</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="168"/>
        <source>Difference to home</source>
        <translation>比参保地多付</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="204"/>
        <source>No estimate: %1</source>
        <translation>无法估算：%1</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="230"/>
        <source>Basic fund</source>
        <translation>统筹基金</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="232"/>
        <source>Critical illness, large amount, assistance</source>
        <translation>大病、大额、救助</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="236"/>
        <source>Self-paid items</source>
        <translation>全自费与超限价</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="238"/>
        <source>Deductible and co-pay</source>
        <translation>起付线与共付</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/results_model.py" line="263"/>
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
        <location filename="../../estimator_gui/ui/chart.py" line="69"/>
        <source>Compare to see who pays what.</source>
        <translation>点击“对比”查看各方由谁支付多少。</translation>
    </message>
</context>
<context>
    <name>WhoPanel</name>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="178"/>
        <source>1  Who</source>
        <translation>1  参保人</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="180"/>
        <source>Insured &amp;region</source>
        <translation>参保地(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="181"/>
        <source>&amp;Scheme</source>
        <translation>险种(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="182"/>
        <source>&amp;Person</source>
        <translation>人员类别(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="183"/>
        <source>A&amp;ge</source>
        <translation>年龄(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="184"/>
        <source>&amp;Date of care</source>
        <translation>就医日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="185"/>
        <source>Deductible paid</source>
        <translation>已付起付线</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="186"/>
        <source>Fund paid</source>
        <translation>统筹已支付</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="187"/>
        <source>Admissions</source>
        <translation>已住院次数</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="188"/>
        <source>Eligible so far</source>
        <translation>已发生政策内费用</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="189"/>
        <source>Own share so far</source>
        <translation>政策内自付累计</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="208"/>
        <source>Eligible (in-policy) expense this year so far: the ratio bands continue from it.</source>
        <translation>本医保年度此前已发生的政策范围内费用：分段报销比例从这里接着计算。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="213"/>
        <source>Your in-policy own share this year so far: critical-illness insurance continues from it.</source>
        <translation>本医保年度此前政策范围内个人负担累计：大病保险从这里接着计算。</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="216"/>
        <source> years</source>
        <translation> 岁</translation>
    </message>
    <message>
        <location filename="../../estimator_gui/ui/who_panel.py" line="217"/>
        <source>So far this insurance year, before this stay (optional):</source>
        <translation>本医保年度此前已发生（选填）：</translation>
    </message>
</context>
</TS>
