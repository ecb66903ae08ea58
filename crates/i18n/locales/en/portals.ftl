home-title = Regional and theme public-benefit portals
home-lead = Hiroba brings together public-benefit portals run by local intermediary support organisations such as NPO centres and volunteer centres. Find trustworthy organisations by region or by theme.
home-portals-heading = Portals
home-stats-portals = portals
home-stats-organisations = organisations
home-all-organisations = See all organisations
home-visit-portal = Visit { $name }
home-no-portals = There are no portals yet.
portal-organisation-count = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}
portal-operated-by = Run by
portal-scope-heading = What this portal covers
portal-scope-nationwide = All of Japan
portal-scope-all-themes = All fields
portal-find-heading = Find organisations
portal-find-lead = Narrow down by area, field of activity, SDG or legal form.
portal-fields-heading = Browse by field of activity
portal-recent-heading = Recently updated
portal-see-all = See all organisations in this portal
portal-about-heading = About this portal
portal-logo-alt = { $name } logo
