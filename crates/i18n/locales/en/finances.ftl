# Yearly reports and finances: statement lines, checks, ratios (domain::finances).

## Statements and their sections.

finance-statement-activity = Activity statement
finance-statement-balance_sheet = Balance sheet
finance-section-ordinary_revenue = I. Ordinary revenue
finance-section-ordinary_expenses = II. Ordinary expenses
finance-section-net_asset_change = Change in net assets
finance-section-assets = Assets
finance-section-liabilities = Liabilities
finance-section-net_assets = Net assets

## Lines, in plain English (the Japanese names follow the NPO accounting standard).

finance-line-fees_regular = Regular members' fees
finance-line-fees_supporting = Supporting members' fees
finance-line-fees_total = Membership fees, total
finance-line-donations = Donations
finance-line-in_kind_donations = Donated goods, services and premises (assessed value)
finance-line-donations_total = Donations, total
finance-line-private_grants = Private grants
finance-line-public_subsidies = Government subsidies
finance-line-grants_total = Grants and subsidies, total
finance-line-business_revenue = Own business revenue
finance-line-contract_revenue = Commissioned contracts
finance-line-business_total = Business revenue, total
finance-line-interest = Interest received
finance-line-misc_revenue = Miscellaneous revenue
finance-line-other_revenue_total = Other revenue, total
finance-line-ordinary_revenue_total = Total ordinary revenue
finance-line-program_personnel = Programme costs: staff
finance-line-program_other = Programme costs: other
finance-line-program_total = Programme costs, total
finance-line-admin_personnel = Administrative costs: staff
finance-line-admin_other = Administrative costs: other
finance-line-admin_total = Administrative costs, total
finance-line-ordinary_expenses_total = Total ordinary expenses
finance-line-ordinary_change = Ordinary surplus or deficit
finance-line-extraordinary_revenue = Extraordinary revenue
finance-line-extraordinary_expenses = Extraordinary expenses
finance-line-change_before_tax = Change in net assets before tax
finance-line-taxes = Corporate, inhabitant and enterprise taxes
finance-line-net_change = Change in net assets for the year
finance-line-net_assets_brought_forward = Net assets brought forward
finance-line-net_assets_carried_forward = Net assets carried forward
finance-line-current_assets = Current assets
finance-line-fixed_assets = Fixed assets
finance-line-assets_total = Total assets
finance-line-current_liabilities = Current liabilities
finance-line-long_term_liabilities = Long-term liabilities
finance-line-liabilities_total = Total liabilities
finance-line-net_assets_total = Total net assets
finance-line-liabilities_and_net_assets_total = Total liabilities and net assets

## Revenue sources, short for chart legends.

finance-source-fees = Fees
finance-source-donations = Donations
finance-source-private_grants = Private grants
finance-source-public_subsidies = Subsidies
finance-source-business = Own business
finance-source-contracts = Contracts
finance-source-other = Other

## Ratios. The help says what the ratio shows to the organisation and to a funder.

finance-ratios-heading = Financial ratios
finance-ratio-unavailable = Not available
finance-ratio-own_revenue_share = Own revenue share
finance-ratio-own_revenue_share-help = The share of revenue that comes from membership fees, donations and the organisation's own business; the higher it is, the less the organisation depends on any one funder or contracting body.
finance-ratio-donation_share = Donation share
finance-ratio-donation_share-help = The share of revenue given as donations (including donated goods, services and premises at their assessed value), a sign of how far the public and companies back the work.
finance-ratio-grant_dependence = Grant and subsidy dependence
finance-ratio-grant_dependence-help = The share of revenue from private grants and government subsidies; the higher it is, the harder the organisation is hit when a grant ends or is cut.
finance-ratio-admin_cost_share = Administrative cost share
finance-ratio-admin_cost_share-help = The share of expenses spent on running the organisation rather than on its programmes; lower is not always better, so read it together with the organisation's size and work.

## Bases: which lines an organisation is asked for.

finance-basis-npo_standard = NPO accounting standard (activity statement and balance sheet)
finance-basis-npo_standard-help = Enter the lines of the activity statement and balance sheet filed with the supervising authority. For NPO corporations.
finance-basis-headline = Headline figures only
finance-basis-headline-help = Enter only revenue by source, expenses, and total assets, liabilities and net assets. For organisations other than NPO corporations, such as unincorporated or general associations.

## Form hints.

finance-amount-hint = Enter amounts in yen. Commas and full-width digits are fine. Mark a negative amount with "△" or "-".
finance-totals-hint = Leave a total blank and it is worked out from its lines; if you enter it, we check that it matches them.
