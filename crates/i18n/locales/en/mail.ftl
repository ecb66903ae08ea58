mail-footer = This message was sent automatically by Hiroba. If you did not expect it, please ignore it.
mail-verify-subject = Confirm your e-mail address
mail-verify-body = Thank you for signing up to Hiroba.
    Open this link to confirm your e-mail address (valid for 24 hours):

    { $link }
mail-already-registered-subject = This address already has an account
mail-already-registered-body = Someone tried to sign up with this e-mail address, but it already has an account.
    If it was you, sign in here:
    { $signin_link }

    If you forgot your password, reset it here:
    { $reset_link }
mail-reset-subject = Reset your password
mail-reset-body = We received a request to reset your password.
    Open this link to choose a new one (valid for one hour, once):

    { $link }

    If you did not ask for this, you need not do anything; your password stays the same.
mail-change-email-subject = Confirm your new e-mail address
mail-change-email-body = We received a request to change your account's e-mail address to this one.
    Open this link to complete the change (valid for 24 hours):

    { $link }
mail-email-changed-subject = Your e-mail address was changed
mail-email-changed-body = Your account's e-mail address was changed to { $new_email }.
    If you did not do this, please contact the portal office.
mail-invitation-subject = Invitation to { $target }
mail-invitation-body = { $inviter } has invited you to join "{ $target }" as { $role }.
    Open this link to see the invitation and accept it (valid for 14 days):

    { $link }
mail-claim-submitted-subject = Request to manage { $organisation }
mail-claim-submitted-body = { $claimant } has asked to manage "{ $organisation }".
    Please review the request and approve or reject it:

    { $link }
mail-claim-approved-subject = Request approved: { $organisation }
mail-claim-approved-body = Your request to manage "{ $organisation }" was approved. You are now its owner.
    You can edit the organisation's profile here:

    { $link }
mail-claim-rejected-subject = About your request: { $organisation }
mail-claim-rejected-body = Your request to manage "{ $organisation }" was not approved.
    Note from the portal office:
    { $note }
