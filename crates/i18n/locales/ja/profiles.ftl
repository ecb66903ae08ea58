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
