# Yearly reports and finances: statement lines, checks, ratios (domain::finances).

## Statements and their sections.

finance-statement-activity = 活動計算書
finance-statement-balance_sheet = 貸借対照表
finance-section-ordinary_revenue = Ⅰ 経常収益
finance-section-ordinary_expenses = Ⅱ 経常費用
finance-section-net_asset_change = 正味財産の増減
finance-section-assets = 資産の部
finance-section-liabilities = 負債の部
finance-section-net_assets = 正味財産の部

## Lines, with the account names of the NPO accounting standard (NPO法人会計基準).

finance-line-fees_regular = 正会員受取会費
finance-line-fees_supporting = 賛助会員受取会費
finance-line-fees_total = 受取会費計
finance-line-donations = 受取寄付金
finance-line-in_kind_donations = 施設等受入評価益
finance-line-donations_total = 受取寄付金計
finance-line-private_grants = 受取民間助成金
finance-line-public_subsidies = 受取補助金
finance-line-grants_total = 受取助成金等計
finance-line-business_revenue = 自主事業収益
finance-line-contract_revenue = 受託事業収益
finance-line-business_total = 事業収益計
finance-line-interest = 受取利息
finance-line-misc_revenue = 雑収益
finance-line-other_revenue_total = その他収益計
finance-line-ordinary_revenue_total = 経常収益計
finance-line-program_personnel = 事業費（人件費）
finance-line-program_other = 事業費（その他経費）
finance-line-program_total = 事業費計
finance-line-admin_personnel = 管理費（人件費）
finance-line-admin_other = 管理費（その他経費）
finance-line-admin_total = 管理費計
finance-line-ordinary_expenses_total = 経常費用計
finance-line-ordinary_change = 当期経常増減額
finance-line-extraordinary_revenue = 経常外収益
finance-line-extraordinary_expenses = 経常外費用
finance-line-change_before_tax = 税引前当期正味財産増減額
finance-line-taxes = 法人税、住民税及び事業税
finance-line-net_change = 当期正味財産増減額
finance-line-net_assets_brought_forward = 前期繰越正味財産額
finance-line-net_assets_carried_forward = 次期繰越正味財産額
finance-line-current_assets = 流動資産
finance-line-fixed_assets = 固定資産
finance-line-assets_total = 資産合計
finance-line-current_liabilities = 流動負債
finance-line-long_term_liabilities = 固定負債
finance-line-liabilities_total = 負債合計
finance-line-net_assets_total = 正味財産合計
finance-line-liabilities_and_net_assets_total = 負債及び正味財産合計

## Revenue sources, short for chart legends.

finance-source-fees = 会費
finance-source-donations = 寄付金
finance-source-private_grants = 民間助成金
finance-source-public_subsidies = 補助金
finance-source-business = 自主事業
finance-source-contracts = 受託事業
finance-source-other = その他

## Ratios. The help says what the ratio shows to the organisation and to a funder.

finance-ratios-heading = 財務指標
finance-ratio-unavailable = 算出できません
finance-ratio-own_revenue_share = 自主財源比率
finance-ratio-own_revenue_share-help = 会費・寄付金・自主事業収益の合計が経常収益に占める割合で、高いほど特定の助成元や委託元に左右されにくい財政であることを示します。
finance-ratio-donation_share = 寄付金比率
finance-ratio-donation_share-help = 寄付金（物品や場所の無償提供を評価した額を含みます）が経常収益に占める割合で、活動が市民や企業の共感にどれだけ支えられているかの目安になります。
finance-ratio-grant_dependence = 助成金・補助金依存度
finance-ratio-grant_dependence-help = 民間助成金と行政からの補助金が経常収益に占める割合で、高いほど助成や補助の終了・減額の影響を受けやすいことを示します。
finance-ratio-admin_cost_share = 管理費比率
finance-ratio-admin_cost_share-help = 団体の運営にかかる管理費が経常費用に占める割合で、低ければよいとは限らないため、団体の規模や活動内容とあわせてご覧ください。

## Bases: which lines an organisation is asked for.

finance-basis-npo_standard = NPO法人会計基準（活動計算書・貸借対照表）
finance-basis-npo_standard-help = 所轄庁に提出した活動計算書と貸借対照表の科目に沿って入力します。NPO法人向けです。
finance-basis-headline = 主な数字のみ
finance-basis-headline-help = 収益の内訳、費用、資産・負債・正味財産の合計だけを入力します。任意団体や一般社団法人など、NPO法人以外の団体向けです。

## Form hints.

finance-amount-hint = 円単位で入力してください。カンマや全角数字も使えます。マイナスの額には「△」または「-」を付けてください。
finance-totals-hint = 「計」「合計」などの欄は、空けておくと内訳から自動で計算します。入力した場合は内訳と一致するかを確かめます。
