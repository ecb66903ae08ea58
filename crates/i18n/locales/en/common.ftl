site-name = Hiroba
site-tagline = Public-benefit portals run by intermediary support organisations
skip-to-content = Skip to main content
nav-label = Main menu
nav-home = Home
nav-portals = Portals
nav-organisations = Find organisations
nav-api = API and open data
lang-switch-label = Language
lang-switch-to = 日本語
lang-switch-hint = 日本語に切り替える
breadcrumb-label = You are here
footer-about = Hiroba is a shared platform on which intermediary support organisations, such as NPO centres and volunteer centres, run regional and theme public-benefit portals.
footer-data-note = Organisations register and publish the information shown here themselves.
footer-licence = The software is open source (AGPL-3.0).
footer-api = API and open data
pagination-label = Pages
pagination-prev = Previous
pagination-next = Next
pagination-page = Page { $page }
pagination-current = Page { $page } (current page)
pagination-status = { $from }–{ $to } of { $total }
result-count = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}
yes = Yes
no = No
not-entered = Not provided
none-stated = None
updated-on = Updated { $date }
external-link = external site
