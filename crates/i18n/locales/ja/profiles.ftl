# Profile sections, the ★ disclosure level and certification.

## The profile form's further sections
org-form-date-hint = 例：2010-04-01、2010年4月1日、平成22年4月1日
org-form-authority-hint = NPO法人の場合、所轄庁（都道府県または政令市。例：岡山市）
org-form-representative-hint = 登記されている代表者の氏名。公開されます。
org-form-representative-title-hint = 例：理事長、代表理事、代表
org-form-month = { $month }月
org-form-website-none = ウェブサイトはありません
org-form-phone-hint = 公開されます。事務所の電話番号をお使いください（例：086-123-4567）。
org-form-contact-name-hint = 問い合わせの窓口（例：事務局 佐藤）。公開されます。
org-form-social = SNS
org-form-social-hint = お使いのSNSのURLを入力してください。X・Instagram・note・YouTubeは「@アカウント名」でも入力できます。
org-form-social-none = SNSは使っていません
org-form-people = 組織（人数）
org-form-officers-hint = 理事・監事の数
org-form-staff_full_time-hint = 常勤で給与を受けている職員の数
org-form-staff_part_time-hint = 非常勤で給与を受けている職員の数
org-form-volunteers-hint = この1年間に活動したボランティアのおおよその人数
org-form-members_regular-hint = 正会員（社員）の数
org-form-members_supporting-hint = 賛助会員の数（いなければ0）

## The ★ disclosure level
disclosure-level-label = 情報公開レベル ★{ $level }（5段階中）
disclosure-heading = 情報公開レベル
disclosure-next = ★{ $level }まであと
disclosure-top = すべての項目を満たしています。
disclosure-help-link = ★の基準について
disclosure-all-items = すべての基準を見る
disclosure-met = 済み
disclosure-unmet = 未対応
disclosure-level-n = ★{ $level }
disclosure-req-corporate_number = 法人番号
disclosure-req-address = 所在地（市区町村まで）
disclosure-req-representative = 代表者の氏名と役職
disclosure-req-contact = 連絡先（メールアドレスまたは電話番号）
disclosure-req-founded = 設立年月日
disclosure-req-mission = ミッション（団体の目的）
disclosure-req-activities = 活動内容の説明
disclosure-req-activity_fields = 活動分野
disclosure-req-programme = 事業（1つ以上）
disclosure-req-website = ウェブサイト（ない場合は「ない」と回答）
disclosure-req-social = SNS（使っていない場合はその旨）
disclosure-req-logo = ロゴ画像（ない場合はその旨）
disclosure-req-fiscal_year = 事業年度の開始月
disclosure-req-figures = 組織の人数（役員・職員・ボランティア・正会員）
disclosure-req-latest_finances = { $year ->
    [none] 決算（最初の事業年度が終わってから）
   *[other] { $year }の決算（収入・支出・資産）
}
disclosure-req-articles = 定款（会則・規約）のPDF
disclosure-req-latest_documents = { $year ->
    [none] 事業報告書と決算書類のPDF（最初の事業年度が終わってから）
   *[other] { $year }の事業報告書と決算書類のPDF{ $documents ->
        [none] {""}
       *[other] （未提出：{ $documents }）
    }
}
disclosure-req-three_years = 3年分（設立から3年未満なら設立以降）の決算{ $years ->
    [none] {""}
   *[other] （未入力：{ $years }）
}
disclosure-req-results = 成果指標と直近の年度の実績
disclosure-req-reviewed = 1年以内にプロフィールを確認・更新

## Documents
document-kind-articles = 定款・規約
document-kind-business_report = 事業報告書
document-kind-activity_statement = 活動計算書（収支計算書）
document-kind-balance_sheet = 貸借対照表
document-kind-asset_inventory = 財産目録
document-kind-business_plan = 事業計画書
document-kind-budget = 活動予算書
document-kind-officer_list = 役員名簿
document-kind-member_list = 社員（会員）名簿
document-kind-other = その他

## Certification
certification-heading = 認証
certification-step1 = 認証 STEP1
certification-step2 = 認証 STEP2
certification-step3 = 認証 STEP3
certification-step1-help = 情報公開レベル★3以上で自動的に認められます。
certification-step2-help = ポータルの事務局が、登録内容を書類の原本と照合しました（有効期間1年）。
certification-step3-help = 外部の審査を経て認められました（有効期間3年）。
certification-status-active = 有効
certification-status-expired = 期限切れ
certification-status-revoked = 取り消し
certification-none = まだ認証はありません。
certification-by = 認証したポータル
certification-granted-on = 認証日
certification-expires-on = 有効期限
certification-history = 認証の履歴

## Staff pages of an organisation
manage-title = 団体の管理
manage-heading = { $name }の管理
manage-tabs-label = 団体の管理メニュー
manage-tab-overview = 概要
manage-tab-profile = 基本情報
manage-tab-programmes = 事業
manage-tab-reports = 決算・事業報告
manage-tab-documents = 書類
manage-tab-metrics = 成果指標
manage-tab-team = チーム
manage-tab-log = 更新履歴
manage-todo-heading = やることリスト
manage-todo-count = 未対応の項目が{ $count }件あります。上から順に進めると★が上がります。
manage-logo-heading = ロゴ
manage-logo-current = 現在のロゴ
manage-logo-none-chosen = 「ロゴはありません」と回答しています。
manage-logo-file = ロゴ画像
manage-logo-hint = PNG・JPEG・WebP、1MBまで。正方形に近い画像がきれいに表示されます。
manage-logo-upload = ロゴを登録する
manage-logo-none = ロゴはありません
manage-review-heading = 内容の確認
manage-review-lead = 変更がなくても、年に一度はプロフィール全体を見直して、内容が最新であることを確認してください（★5の条件です）。
manage-reviewed-on = 最後に確認した日：{ $date }
manage-review-button = 内容が最新であることを確認した
notice-reviewed = プロフィールを確認済みにしました。
notice-uploaded = 書類を登録しました。
notice-deleted = 削除しました。
notice-upload-expired = 安全のため、送信を受け付けられませんでした。入力内容は戻しましたが、ファイルはもう一度選んでください。
action-delete = 削除

## Programmes
programmes-title = 事業
programmes-lead = 団体が行っている事業（活動）を、1つずつ登録してください。助成金の申請書にもそのまま使えます。
programmes-empty = まだ事業が登録されていません。
programme-add = 事業を追加する
programme-add-submit = 追加する
programme-edit-title = 事業の編集
programme-name = 事業名
programme-name-hint = 例：放課後の学習支援「あかり塾」
programme-target = 対象
programme-target-hint = 例：小学生とその保護者
programme-area = 活動地域
programme-area-hint = 例：岡山市北区
programme-description = 内容

## Yearly reports
reports-title = 決算・事業報告
reports-lead = 事業年度ごとに、事業報告と決算（活動計算書・貸借対照表）の数字を入力してください。数字が合っているかは自動で確かめます。
reports-empty = まだ登録された年度はありません。
reports-status = 決算
reports-complete = 入力済み
reports-incomplete = 未完成
reports-actions = 操作
reports-add-year = 入力する年度
reports-add-submit = この年度を入力する
report-title-new = 決算・事業報告の入力
report-title-year = { $year }の決算・事業報告
report-section-year = 年度と事業報告
report-fiscal-year = 年度
report-fiscal-year-hint = 事業年度が始まった年（例：2025、2025年度、令和7年度）
report-business-report = 事業報告
report-business-report-hint = その年度に行ったことを、事業ごとに簡単にまとめてください。段落の間は空行で区切ります。
report-total-hint = 空欄なら自動で計算します。

## Documents
documents-title = 書類
documents-lead = 定款や、年度ごとの事業報告書・決算書類をPDFで登録します。役員名簿と社員（会員）名簿は公開されず、団体の方と、掲載しているポータルの事務局（認証の確認のため）だけが見られます。
documents-empty = まだ書類はありません。
documents-private = 非公開
documents-upload = 書類を登録する
documents-upload-submit = 登録する
documents-file = PDFファイル
documents-file-hint = PDFのみ、10MBまで。
document-kind = 書類の種類
document-kind-hint = 定款以外は、どの年度の書類かも入力してください。
document-year-hint = 事業年度が始まった年（例：2025、令和7年度）。定款の場合は空欄で構いません。

## Outcome metrics
metrics-title = 成果指標
metrics-lead = 活動の成果を示す数字（指標）を決めて、年度ごとの実績を記録します。グラフでプロフィールに表示されます。
metrics-empty = まだ成果指標はありません。
metrics-no-values = まだ実績がありません。
metric-add = 成果指標を追加する
metric-add-submit = 追加する
metric-edit-title = { $name }
metric-definition = 指標の設定
metric-values = 年度ごとの実績
metric-name = 指標の名前
metric-name-hint = 例：学習支援に参加した子どもの数
metric-unit = 単位
metric-unit-hint = 例：人、回、%
metric-kind = 種類
metric-kind-hint = 成果（アウトカム）か活動量（アウトプット）を選ぶと、★5の条件になります。
metric-kind-input = 投入（資源）
metric-kind-output = 活動量（アウトプット）
metric-kind-outcome = 成果（アウトカム）
metric-kind-context = 背景・状況
metric-direction = 望ましい方向
metric-direction-increase = 増えるほどよい
metric-direction-decrease = 減るほどよい
metric-direction-hold = 保つのがよい
metric-sdg-target = SDGsのターゲット
metric-sdg-target-hint = 例：4.1（任意）
metric-iris-code = IRIS+コード
metric-iris-code-hint = 例：PI4060（任意）
metric-description = 説明・測り方
metric-value = 実績
metric-value-hint = 数字で入力します。空欄で送るとその年度の実績を削除します。
metric-note = メモ
metric-value-submit = 実績を記録する

## Finances on profiles
finance-yen = { $amount }円
finance-headline-revenue = 経常収益
finance-headline-expenses = 経常費用
finance-headline-net-assets = 正味財産
finance-headline-assets = 資産
finance-headline-liabilities = 負債
finance-chart-mix = { $year }の収入の内訳
finance-chart-mix-desc = 経常収益を財源ごとに分けた割合です。数値は下の表にあります。
finance-chart-trend = 収入・支出・正味財産の推移
finance-chart-trend-desc = 年度ごとの経常収益・経常費用・正味財産です。数値は下の表にあります。
finance-chart-ratios = { $year }の財務指標
finance-chart-ratios-desc = 自主財源比率・寄付金比率・助成金補助金依存度・管理費比率です。数値は下の表にあります。

## Public profile additions
profile-representative = 代表者
profile-fiscal-year = { $month }月始まり
profile-people-count = { $count }人
profile-people-heading = 組織
profile-social-label = SNS
profile-phone-label = 電話
profile-contact-name-label = 担当
profile-website-none = ウェブサイトはありません
profile-social-none = SNSは使っていません
profile-programmes-heading = 事業
profile-finances-heading = 財務
profile-finances-latest = { $year }の決算
profile-finances-statement-link = { $year }の決算書（全項目）
profile-finances-years = 過去の決算
profile-finances-none = まだ決算が登録されていません。
profile-business-report-heading = { $year }の事業報告
profile-metrics-heading = 成果指標
profile-metric-meta = { $kind }・単位：{ $unit }
profile-documents-heading = 書類
profile-documents-none = まだ公開されている書類はありません。
profile-manage-link = この団体を管理する
profile-certify-link = 認証の確認をする
profile-table-year = 年度
profile-table-item = 項目
profile-table-amount = 金額
profile-table-value = 値
statement-title = { $name }　{ $year }の決算
statement-activity = 活動計算書
statement-balance = 貸借対照表
statement-back = プロフィールに戻る
profile-metric-chart-desc = 年度ごとの実績の推移です。数値は下の表にあります。
profile-metric-sdg = SDGsターゲット { $target }

## Certification by operators
admin-certification = 認証
certification-queue-title = 認証の確認
certification-queue-lead = このポータルに掲載している、情報公開レベル★3以上の団体のうち、まだこのポータルの認証（STEP2以上）がない団体と、有効期限が60日以内に迫っている団体です。
certification-queue-empty = いま確認が必要な団体はありません。
certification-renew-by = 有効期限：{ $date }（更新の確認が必要です）
certification-review-title = { $name }の認証
certification-open-profile = 公開プロフィールを開く
certification-documents-lead = 登録されている内容を、書類の原本（定款、登記事項証明書、事業報告書など）と照合してください。非公開の名簿も、このページから確認できます。
certification-grant-heading = 認証する
certification-grant-lead = 照合が終わったら、段階を選び、確認した書類やメモを残して認証してください。記録は団体の方と、ポータルの事務局が見られます。
certification-step = 段階
certification-step-hint = STEP2は★3以上、STEP3は有効なSTEP2が必要です。
certification-notes = 確認した内容
certification-notes-hint = 例：定款・登記事項証明書・2025年度事業報告書の原本と照合。代表者に面談。
certification-granted-on-hint = 確認した日。空欄なら今日です。
certification-grant-submit = 認証する
certification-revoke-heading = { $step }を取り消す
certification-revoke-note = 取り消す理由
certification-revoke-submit = 取り消す
certification-granted-by = 確認した人：{ $name }
notice-certified = 認証しました。

## Compare
compare-title = 団体を比べる
compare-empty = 比べたい団体を選んでください。団体の一覧でチェックを入れて「選んだ団体を比べる」を押すか、下に団体の番号を入力します。
compare-share = この比較のURL：
compare-missing = 見つからない団体が{ $count }件ありました。
compare-year = 決算の年度
compare-chart-size = 経常収益と経常費用（直近の決算）
compare-chart-mix = 収入の内訳（直近の決算）
compare-chart-ratios = 財務指標（直近の決算）
compare-chart-desc = 団体ごとの比較です。数値は上の表にあります。
compare-ids = 団体の番号
compare-ids-hint = 5つまで、カンマで区切って入力します（例：12,34,56）。番号はプロフィールのURLの末尾です。
compare-submit = 比べる
compare-selected = 選んだ団体を比べる
compare-select = 比べる
help-disclosure-title = 情報公開レベル（★）と認証
filter-level-option = ★{ $level }以上
filter-certification-option = STEP{ $step }以上
filter-sort-name = 五十音順
filter-sort-level = ★の多い順
filter-sort-certification = 認証の段階順
finance-amount-share = { $amount }（{ $share }）
statement-heading = { $year }の決算
account-next-level = あと{ $count }項目で★{ $level }
certification-help-link = 認証について
