# Yearly reports and finances: statement lines, checks, ratios (domain::finances).
