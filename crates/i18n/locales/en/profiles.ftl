# Profile sections, the ★ disclosure level and certification.
