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
