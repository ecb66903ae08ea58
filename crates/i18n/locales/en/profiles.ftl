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
