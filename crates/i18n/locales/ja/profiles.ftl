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

## The ★ rubric's requirements (codes from hiroba_domain::disclosure::Requirement)
disclosure-req-corporate_number = 法人番号
disclosure-req-address = 所在地（都道府県・市区町村）
disclosure-req-representative = 代表者の氏名と役職
disclosure-req-contact = 連絡先（メールアドレスまたは電話番号）
disclosure-req-founded = 設立年月日
disclosure-req-mission = ミッション
disclosure-req-activities = 活動内容
disclosure-req-activity_fields = 活動分野
disclosure-req-programme = 事業（1つ以上）
disclosure-req-website = ウェブサイト（ない場合はその旨）
disclosure-req-social = SNS（使っていない場合はその旨）
disclosure-req-logo = ロゴ（ない場合はその旨）
disclosure-req-fiscal_year = 事業年度の始まりの月
disclosure-req-figures = 役員・職員・ボランティア・会員の人数
disclosure-req-latest_finances = { $year ->
    [none] 最新年度の財務（収益・費用・資産）
   *[other] { $year }年度（またはそれ以降）の財務（収益・費用・資産）
}
disclosure-req-articles = 定款（会則・規約）
disclosure-req-latest_documents = { $year ->
    [none] 最新年度の事業報告書・計算書類
   *[other] { $year }年度の事業報告書・計算書類
}
disclosure-req-three_years = 3年度分の財務（設立から3年未満なら設立以来のすべての年度）
disclosure-req-results = 成果指標（アウトプット・アウトカム）と最近の値
disclosure-req-reviewed = 1年以内にプロフィール全体を確認
