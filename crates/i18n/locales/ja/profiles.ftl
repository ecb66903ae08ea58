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
