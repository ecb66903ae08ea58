mail-footer = このメールは「ひろば」から自動で送信しています。お心当たりのない場合は、このメールを破棄してください。
mail-verify-subject = メールアドレスの確認
mail-verify-body = ひろばへのご登録ありがとうございます。
    次のリンクを開いて、メールアドレスの確認を完了してください（24時間有効です）。

    { $link }
mail-already-registered-subject = このメールアドレスはすでに登録されています
mail-already-registered-body = このメールアドレスで新しいアカウントの登録が試みられましたが、すでにアカウントがあります。
    ご本人の場合は、次のリンクからログインしてください。
    { $signin_link }

    パスワードをお忘れの場合は、こちらから再設定できます。
    { $reset_link }
mail-reset-subject = パスワードの再設定
mail-reset-body = パスワードの再設定を受け付けました。
    次のリンクを開いて、新しいパスワードを設定してください（1時間有効・1回限り）。

    { $link }

    お心当たりがない場合は、何もする必要はありません。パスワードは変更されません。
mail-change-email-subject = 新しいメールアドレスの確認
mail-change-email-body = アカウントのメールアドレスを、このアドレスに変更する手続きを受け付けました。
    次のリンクを開くと変更が完了します（24時間有効です）。

    { $link }
mail-email-changed-subject = メールアドレスが変更されました
mail-email-changed-body = アカウントのメールアドレスが { $new_email } に変更されました。
    お心当たりがない場合は、ポータル事務局にご連絡ください。
mail-invitation-subject = { $target }への招待
mail-invitation-body = { $inviter }さんから、「{ $target }」の{ $role }として招待されました。
    次のリンクから招待を確認し、参加してください（14日間有効です）。

    { $link }
mail-claim-submitted-subject = 団体の管理申請：{ $organisation }
mail-claim-submitted-body = { $claimant }さんから、「{ $organisation }」を管理したいという申請がありました。
    次のページで内容を確認し、承認または却下してください。

    { $link }
mail-claim-approved-subject = 管理申請が承認されました：{ $organisation }
mail-claim-approved-body = 「{ $organisation }」の管理申請が承認されました。あなたはこの団体の管理者になりました。
    次のリンクから団体のプロフィールを編集できます。

    { $link }
mail-claim-rejected-subject = 管理申請について：{ $organisation }
mail-claim-rejected-body = 「{ $organisation }」の管理申請は承認されませんでした。
    事務局からのコメント：
    { $note }
