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

## The ★ rubric's requirements (codes from hiroba_domain::disclosure::Requirement)
disclosure-req-corporate_number = Corporate number
disclosure-req-address = Location (prefecture and municipality)
disclosure-req-representative = Representative's name and title
disclosure-req-contact = Contact (e-mail or phone)
disclosure-req-founded = Date founded
disclosure-req-mission = Mission
disclosure-req-activities = Description of activities
disclosure-req-activity_fields = Fields of activity
disclosure-req-programme = At least one programme
disclosure-req-website = Website (or saying there is none)
disclosure-req-social = Social media (or saying none are used)
disclosure-req-logo = Logo (or saying there is none)
disclosure-req-fiscal_year = The month the fiscal year starts
disclosure-req-figures = Numbers of officers, staff, volunteers and members
disclosure-req-latest_finances = { $year ->
    [none] Finances (revenue, expenses, assets) for the latest year
   *[other] Finances (revenue, expenses, assets) for FY{ $year } or later
}
disclosure-req-articles = Articles of association (or rules)
disclosure-req-latest_documents = { $year ->
    [none] Business report and statements for the latest year
   *[other] Business report and statements for FY{ $year }
}
disclosure-req-three_years = Finances for three years (or every year since founding)
disclosure-req-results = Output or outcome metrics with recent values
disclosure-req-reviewed = Whole profile confirmed within the past year
