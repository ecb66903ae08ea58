# Profile sections, the ★ disclosure level and certification.

## The profile form's further sections
org-form-date-hint = For example 2010-04-01, 2010年4月1日 or 平成22年4月1日
org-form-authority-hint = For an NPO corporation, the authority it reports to (a prefecture or designated city, e.g. Okayama City)
org-form-representative-hint = The representative as registered. Shown publicly.
org-form-representative-title-hint = For example Chair, Representative Director
org-form-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
org-form-website-none = We have no website
org-form-phone-hint = Shown publicly: use the office number (e.g. 086-123-4567).
org-form-contact-name-hint = Whom to contact (e.g. Secretariat, Sato). Shown publicly.
org-form-social = Social media
org-form-social-hint = Enter the addresses of the networks you use. For X, Instagram, note and YouTube you can also type @account.
org-form-social-none = We use no social media
org-form-people = People
org-form-officers-hint = Directors and auditors
org-form-staff_full_time-hint = Paid staff working full time
org-form-staff_part_time-hint = Paid staff working part time
org-form-volunteers-hint = About how many volunteers took part over the past year
org-form-members_regular-hint = Regular (voting) members
org-form-members_supporting-hint = Supporting members (0 if none)

## The ★ disclosure level
disclosure-level-label = Disclosure level ★{ $level } (of 5)
disclosure-heading = Disclosure level
disclosure-next = Still needed for ★{ $level }
disclosure-top = Every item is met.
disclosure-help-link = How the ★ levels work
disclosure-all-items = See every requirement
disclosure-met = Done
disclosure-unmet = To do
disclosure-level-n = ★{ $level }
disclosure-req-corporate_number = Corporate number
disclosure-req-address = Address (down to the municipality)
disclosure-req-representative = Representative's name and title
disclosure-req-contact = Contact (e-mail or phone)
disclosure-req-founded = Date founded
disclosure-req-mission = Mission
disclosure-req-activities = Description of activities
disclosure-req-activity_fields = Fields of activity
disclosure-req-programme = At least one programme
disclosure-req-website = Website (or "we have none")
disclosure-req-social = Social media (or "we use none")
disclosure-req-logo = Logo (or "we have none")
disclosure-req-fiscal_year = Month the fiscal year starts
disclosure-req-figures = People (officers, staff, volunteers, members)
disclosure-req-latest_finances = { $year ->
    [none] Finances (once the first fiscal year has ended)
   *[other] Finances for { $year } (revenue, expenses, assets)
}
disclosure-req-articles = Articles of association (PDF)
disclosure-req-latest_documents = { $year ->
    [none] Business report and financial statements as PDF (once the first fiscal year has ended)
   *[other] Business report and financial statements for { $year } as PDF{ $documents ->
        [none] {""}
       *[other] (missing: { $documents })
    }
}
disclosure-req-three_years = Finances for three years (or every year since founding){ $years ->
    [none] {""}
   *[other] (missing: { $years })
}
disclosure-req-results = Outcome metrics with a recent year's result
disclosure-req-reviewed = Profile checked or updated within the past year

## Documents
document-kind-articles = Articles of association
document-kind-business_report = Business report
document-kind-activity_statement = Activity statement
document-kind-balance_sheet = Balance sheet
document-kind-asset_inventory = Inventory of assets
document-kind-business_plan = Business plan
document-kind-budget = Budget
document-kind-officer_list = List of officers
document-kind-member_list = List of members
document-kind-other = Other

## Certification
certification-heading = Certification
certification-step1 = Certified STEP1
certification-step2 = Certified STEP2
certification-step3 = Certified STEP3
certification-step1-help = Granted automatically at disclosure level ★3 or above.
certification-step2-help = The portal office checked the registered information against the original documents (valid for one year).
certification-step3-help = Granted after an external review (valid for three years).
certification-status-active = Active
certification-status-expired = Expired
certification-status-revoked = Revoked
certification-none = Not certified yet.
certification-by = Certified by
certification-granted-on = Granted on
certification-expires-on = Valid until
certification-history = Certification history

## Staff pages of an organisation
manage-title = Manage
manage-heading = Manage { $name }
manage-tabs-label = Organisation management
manage-tab-overview = Overview
manage-tab-profile = Profile
manage-tab-programmes = Programmes
manage-tab-reports = Yearly reports
manage-tab-documents = Documents
manage-tab-metrics = Outcome metrics
manage-tab-team = Team
manage-tab-log = Log
manage-todo-heading = To do
manage-todo-count = { $count ->
    [one] One item is still open. Work down the list to raise your ★.
   *[other] { $count } items are still open. Work down the list to raise your ★.
}
manage-logo-heading = Logo
manage-logo-current = Current logo
manage-logo-none-chosen = You said you have no logo.
manage-logo-file = Logo image
manage-logo-hint = PNG, JPEG or WebP, up to 1 MB. Square images look best.
manage-logo-upload = Upload the logo
manage-logo-none = We have no logo
manage-review-heading = Check the profile
manage-review-lead = Even if nothing changed, look over the whole profile once a year and confirm it is current (this is part of ★5).
manage-reviewed-on = Last checked: { $date }
manage-review-button = I checked: the profile is current
notice-reviewed = The profile is marked as checked.
notice-uploaded = The document was uploaded.
notice-deleted = Deleted.
notice-upload-expired = For your security the form was not accepted. What you typed is back, but please choose the file again.
action-delete = Delete

## Programmes
programmes-title = Programmes
programmes-lead = Enter your programmes one by one. Grant applications can reuse them as they are.
programmes-empty = No programmes yet.
programme-add = Add a programme
programme-add-submit = Add
programme-edit-title = Edit the programme
programme-name = Name
programme-name-hint = For example: after-school study club
programme-target = For whom
programme-target-hint = For example: primary school children and their parents
programme-area = Where
programme-area-hint = For example: Kita Ward, Okayama
programme-description = Description

## Yearly reports
reports-title = Yearly reports
reports-lead = For each fiscal year, enter the business report and the figures of the activity statement and balance sheet. Hiroba checks that they add up.
reports-empty = No years yet.
reports-status = Finances
reports-complete = Complete
reports-incomplete = Incomplete
reports-actions = Actions
reports-add-year = Year to enter
reports-add-submit = Enter this year
report-title-new = New yearly report
report-title-year = Report for { $year }
report-section-year = Year and business report
report-fiscal-year = Fiscal year
report-fiscal-year-hint = The year the fiscal year started (e.g. 2025, 2025年度, 令和7年度)
report-business-report = Business report
report-business-report-hint = Summarise what you did that year, programme by programme. Separate paragraphs with a blank line.
report-total-hint = Left empty, it is calculated.

## Documents
documents-title = Documents
documents-lead = Upload your articles and each year's business report and financial statements as PDF. Lists of officers and members are never public: only your team and the offices of portals listing you (to certify you) can open them.
documents-empty = No documents yet.
documents-private = Private
documents-upload = Upload a document
documents-upload-submit = Upload
documents-file = PDF file
documents-file-hint = PDF only, up to 10 MB.
document-kind = Kind of document
document-kind-hint = For anything but the articles, also give the fiscal year.
document-year-hint = The year the fiscal year started (e.g. 2025). Leave empty for the articles.

## Outcome metrics
metrics-title = Outcome metrics
metrics-lead = Choose the numbers that show what your work achieves and record them year by year. They appear as charts on your profile.
metrics-empty = No metrics yet.
metrics-no-values = No results yet.
metric-add = Add a metric
metric-add-submit = Add
metric-edit-title = { $name }
metric-definition = Definition
metric-values = Results by year
metric-name = Name
metric-name-hint = For example: children who joined the study club
metric-unit = Unit
metric-unit-hint = For example: people, sessions, %
metric-kind = Type
metric-kind-hint = Outcome and output metrics count towards ★5.
metric-kind-input = Input
metric-kind-output = Output
metric-kind-outcome = Outcome
metric-kind-context = Context
metric-direction = Good direction
metric-direction-increase = Higher is better
metric-direction-decrease = Lower is better
metric-direction-hold = Steady is best
metric-sdg-target = SDG target
metric-sdg-target-hint = For example 4.1 (optional)
metric-iris-code = IRIS+ code
metric-iris-code-hint = For example PI4060 (optional)
metric-description = Description and method
metric-value = Result
metric-value-hint = A number. Sending it empty removes that year's result.
metric-note = Note
metric-value-submit = Record the result

## Finances on profiles
finance-yen = ¥{ $amount }
finance-headline-revenue = Revenue
finance-headline-expenses = Expenses
finance-headline-net-assets = Net assets
finance-headline-assets = Assets
finance-headline-liabilities = Liabilities
finance-chart-mix = Revenue by source, { $year }
finance-chart-mix-desc = Ordinary revenue split by source. The figures are in the table below.
finance-chart-trend = Revenue, expenses and net assets over the years
finance-chart-trend-desc = Ordinary revenue, ordinary expenses and net assets by fiscal year. The figures are in the table below.
finance-chart-ratios = Financial ratios, { $year }
finance-chart-ratios-desc = Own-revenue share, donation share, grant dependence and administration cost share. The figures are in the table below.

## Public profile additions
profile-representative = Representative
profile-fiscal-year = { $month ->
    [1] Starts in January
    [2] Starts in February
    [3] Starts in March
    [4] Starts in April
    [5] Starts in May
    [6] Starts in June
    [7] Starts in July
    [8] Starts in August
    [9] Starts in September
    [10] Starts in October
    [11] Starts in November
   *[12] Starts in December
}
profile-people-count = { $count ->
    [one] 1 person
   *[other] { $count } people
}
profile-people-heading = People
profile-social-label = Social media
profile-phone-label = Phone
profile-contact-name-label = Contact
profile-website-none = No website
profile-social-none = No social media
profile-programmes-heading = Programmes
profile-finances-heading = Finances
profile-finances-latest = Finances for { $year }
profile-finances-statement-link = Full statements for { $year }
profile-finances-years = Earlier years
profile-finances-none = No finances have been entered yet.
profile-business-report-heading = Business report, { $year }
profile-metrics-heading = Outcome metrics
profile-metric-meta = { $kind } · unit: { $unit }
profile-documents-heading = Documents
profile-documents-none = No public documents yet.
profile-manage-link = Manage this organisation
profile-certify-link = Review for certification
profile-table-year = Year
profile-table-item = Item
profile-table-amount = Amount
profile-table-value = Value
statement-title = { $name }: finances for { $year }
statement-activity = Activity statement
statement-balance = Balance sheet
statement-back = Back to the profile
profile-metric-chart-desc = Results by fiscal year. The figures are in the table below.
profile-metric-sdg = SDG target { $target }

## Certification by operators
admin-certification = Certification
certification-queue-title = Certification reviews
certification-queue-lead = Organisations this portal lists at disclosure level ★3 or above that hold no STEP2 or higher from this portal, and those whose certification ends within 60 days.
certification-queue-empty = No organisation needs a review now.
certification-renew-by = Valid until { $date } (due for renewal)
certification-review-title = Certifying { $name }
certification-open-profile = Open the public profile
certification-documents-lead = Check the registered information against the original documents (articles, certificate of registration, business report…). The private lists can be opened from this page.
certification-grant-heading = Certify
certification-grant-lead = When the check is done, choose the step and note what you checked. The record is seen by the organisation and the portal office.
certification-step = Step
certification-step-hint = STEP2 needs ★3 or above; STEP3 needs an active STEP2.
certification-notes = What was checked
certification-notes-hint = For example: checked the articles, registration certificate and FY2025 business report against the originals; met the representative.
certification-granted-on-hint = The day of the check. Leave empty for today.
certification-grant-submit = Certify
certification-revoke-heading = Revoke { $step }
certification-revoke-note = Reason
certification-revoke-submit = Revoke
certification-granted-by = Checked by { $name }
notice-certified = Certified.

## Compare
compare-title = Compare organisations
compare-empty = Choose organisations to compare: tick them in a list and press "Compare the selected", or enter their numbers below.
compare-share = Link to this comparison:
compare-missing = { $count ->
    [one] One organisation was not found.
   *[other] { $count } organisations were not found.
}
compare-year = Fiscal year
compare-chart-size = Revenue and expenses (latest year)
compare-chart-mix = Revenue by source (latest year)
compare-chart-ratios = Financial ratios (latest year)
compare-chart-desc = Organisations side by side. The figures are in the table above.
compare-ids = Organisation numbers
compare-ids-hint = Up to five, separated by commas (e.g. 12,34,56). The number ends each profile's address.
compare-submit = Compare
compare-selected = Compare the selected
compare-select = Compare
help-disclosure-title = Disclosure levels (★) and certification
filter-level-option = ★{ $level } or more
filter-certification-option = STEP{ $step } or higher
filter-sort-name = By name
filter-sort-level = Most ★ first
filter-sort-certification = Highest certification first
finance-amount-share = { $amount } ({ $share })
statement-heading = finances for { $year }
account-next-level = { $count ->
    [one] One item to ★{ $level }
   *[other] { $count } items to ★{ $level }
}
certification-help-link = About certification
