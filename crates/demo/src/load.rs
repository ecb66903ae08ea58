//! Writing the demo into a store and a file store, through the same public API the web uses,
//! so every ★ level and certification step is worked out as it would be for real data.

use crate::files::{logo_png, pdf};
use crate::{DEMO_PASSWORD, DemoData, DemoLogo, DemoOrganisation, LoadSummary};
use chrono::{Duration, Utc};
use hiroba_domain::certification::{self, GrantDecision};
use hiroba_domain::roles::PortalRole;
use hiroba_files::{BoxFuture, FileError, FileStore, Stored, new_key};
use hiroba_store::documents::NewDocument;
use hiroba_store::organisations::NewOrganisation;
use hiroba_store::reports::ReportInput;
use hiroba_store::users::NewUser;
use hiroba_store::{By, Store, StoreError};
use std::collections::HashMap;
use std::task::Poll;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Files(#[from] FileError),
    #[error("demo certification of {organisation} refused: {reason}")]
    Refused {
        organisation: String,
        reason: String,
    },
}

/// Writes the demo data into an empty, migrated store, and its uploads into `files`.
pub async fn load(
    store: &Store,
    files: &dyn FileStore,
    data: &DemoData,
) -> Result<LoadSummary, LoadError> {
    let today = hiroba_store::disclosure::today_in_japan();
    store
        .municipalities()
        .upsert_many(&data.municipalities)
        .await?;
    let now = Utc::now();
    let items: Vec<NewOrganisation<'_>> = data
        .organisations
        .iter()
        .map(|o| NewOrganisation {
            profile: &o.profile,
            updated_at: Some(now - Duration::days(o.days_since_update)),
        })
        .collect();
    let ids = store
        .organisations()
        .create_many(&items, By::SYSTEM)
        .await?;
    let mut portals = Vec::new();
    for p in &data.portals {
        let mut settings = p.settings.clone();
        settings.operator_organisation_id = p.operator.map(|i| ids[i]);
        let created = store.portals().create(&settings, By::SYSTEM).await?;
        portals.push((created.settings.slug.to_string(), created.id));
    }
    for (portal, org, curation) in &data.curations {
        store
            .portals()
            .set_curation(portals[*portal].1, ids[*org], Some(*curation), By::SYSTEM)
            .await?;
    }
    let mut users = Vec::new();
    // One hash for all: they share the published password, and hashing is slow on purpose.
    let hash = hiroba_auth::hash_password(DEMO_PASSWORD)
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    for a in &data.accounts {
        let user = store
            .users()
            .create(
                &NewUser {
                    email: a.email,
                    display_name: a.name,
                    password_hash: &hash,
                    lang: "ja",
                    verified: true,
                    platform_admin: a.platform_admin,
                },
                By::SYSTEM,
            )
            .await?;
        for (portal, role) in &a.portals {
            store
                .team()
                .grant_portal_role(portals[*portal].1, user.id, *role, By::SYSTEM)
                .await?;
        }
        for (org, role) in &a.organisations {
            store
                .team()
                .grant_org_role(ids[*org], user.id, *role, By::SYSTEM)
                .await?;
        }
        users.push(user.id);
    }
    for (account, org, message) in &data.claims {
        store
            .claims()
            .create(ids[*org], users[*account], message)
            .await?;
    }
    // Files are written (and synced) on blocking threads while the database takes the
    // programmes and reports; the records that point at them follow.
    let (stored, basics) = tokio::join!(upload(files, data), async {
        for (o, id) in data.organisations.iter().zip(&ids) {
            basics(store, o, *id).await?;
        }
        Ok::<_, StoreError>(())
    });
    basics?;
    let mut stored = stored?.into_iter();
    for (o, id) in data.organisations.iter().zip(&ids) {
        let docs: Vec<Stored> = stored.by_ref().take(o.content.documents.len()).collect();
        let logo = match o.content.logo {
            DemoLogo::Image { .. } => stored.next(),
            _ => None,
        };
        rest(store, o, *id, &docs, logo.as_ref()).await?;
    }

    // Operators certify once the profiles are complete, as the rules require ★3 today.
    for c in &data.certifications {
        let operator = data
            .accounts
            .iter()
            .position(|a| {
                a.portals
                    .iter()
                    .any(|(p, r)| *p == c.portal && *r == PortalRole::Operator)
            })
            .map(|a| By::user(users[a]))
            .unwrap_or(By::SYSTEM);
        let granted_on = today - Duration::days(c.granted_days_ago);
        let decision = GrantDecision {
            step: c.step,
            notes: Some(c.notes.to_owned()),
            granted_on,
            expires_on: certification::expires_on(c.step, granted_on),
        };
        let organisation = ids[c.organisation];
        let id = store
            .certifications()
            .grant(
                organisation,
                portals[c.portal].1,
                &decision,
                today,
                operator,
            )
            .await?
            .map_err(|refusal| LoadError::Refused {
                organisation: data.organisations[c.organisation].profile.name.clone(),
                reason: format!("{refusal:?}"),
            })?;
        if let Some(reason) = c.revoked {
            store
                .certifications()
                .revoke(id, Some(reason.to_owned()), today, operator)
                .await?;
        }
    }
    // The daily job ends the grants whose year is up (a demo grant may be born lapsed).
    store.refresh_all(today).await?;

    Ok(LoadSummary {
        portals,
        organisations: ids.len(),
        municipalities: data.municipalities.len(),
    })
}

/// Every generated file, in organisation order: its documents, then its logo.
async fn upload(files: &dyn FileStore, data: &DemoData) -> Result<Vec<Stored>, FileError> {
    let mut pending: Vec<(String, Vec<u8>)> = Vec::new();
    // Logos repeat (a few colours and motifs): drawing each once saves most of the work.
    let mut logos: HashMap<([u8; 3], u8), Vec<u8>> = HashMap::new();
    for o in &data.organisations {
        let who = format!("Organisation: {}", o.romaji);
        for d in &o.content.documents {
            let bytes = pdf(&[
                &d.title,
                &who,
                "Sample data generated by the Hiroba demo; not a real filing.",
            ]);
            pending.push((new_key("documents", "pdf"), bytes));
        }
        if let DemoLogo::Image { colour, motif } = o.content.logo {
            let bytes = logos
                .entry((colour, motif))
                .or_insert_with(|| logo_png(colour, motif))
                .clone();
            pending.push((new_key("logos", "png"), bytes));
        }
    }
    let mut stored = Vec::with_capacity(pending.len());
    // Enough at once to keep the disk busy with syncs, few enough not to exhaust threads.
    let mut rest = pending.into_iter().peekable();
    while rest.peek().is_some() {
        let (keys, contents): (Vec<String>, Vec<Vec<u8>>) = rest.by_ref().take(32).unzip();
        let puts = keys
            .iter()
            .zip(contents)
            .map(|(key, bytes)| files.put(key, bytes))
            .collect();
        for result in join_all(puts).await {
            stored.push(result?);
        }
    }
    Ok(stored)
}

/// Polls every future until all are done; results in the order given.
async fn join_all<T>(mut futures: Vec<BoxFuture<'_, T>>) -> Vec<T> {
    let mut done: Vec<Option<T>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut waiting = false;
        for (future, slot) in futures.iter_mut().zip(done.iter_mut()) {
            if slot.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *slot = Some(value),
                    Poll::Pending => waiting = true,
                }
            }
        }
        if waiting {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    done.into_iter()
        .map(|v| v.expect("every future finished"))
        .collect()
}

async fn basics(store: &Store, o: &DemoOrganisation, id: i64) -> Result<(), StoreError> {
    let c = &o.content;
    let by = By::SYSTEM;
    for p in &c.programmes {
        store.programmes().add(id, p, by).await?;
    }
    for r in &c.reports {
        store
            .reports()
            .save(
                id,
                &ReportInput {
                    fiscal_year: r.fiscal_year,
                    basis: r.basis,
                    business_report: Some(&r.business_report),
                    statement: &r.statement,
                },
                by,
            )
            .await?;
    }
    Ok(())
}

async fn rest(
    store: &Store,
    o: &DemoOrganisation,
    id: i64,
    documents: &[Stored],
    logo: Option<&Stored>,
) -> Result<(), StoreError> {
    let c = &o.content;
    let by = By::SYSTEM;
    for (d, stored) in c.documents.iter().zip(documents) {
        store
            .documents()
            .add(
                &NewDocument {
                    organisation_id: id,
                    kind: d.kind,
                    fiscal_year: d.fiscal_year,
                    filename: &d.filename,
                    content_type: "application/pdf",
                    size: stored.size,
                    sha256: &stored.sha256,
                    storage_key: &stored.key,
                },
                by,
            )
            .await?;
    }
    match (c.logo, logo) {
        (DemoLogo::None, _) => {
            store.organisations().set_logo(id, None, true, by).await?;
        }
        (DemoLogo::Image { .. }, Some(stored)) => {
            store
                .organisations()
                .set_logo(id, Some(&stored.key), false, by)
                .await?;
        }
        _ => {}
    }
    for m in &c.metrics {
        let metric = store.metrics().add(id, &m.metric, by).await?;
        for (year, value) in &m.values {
            store
                .metrics()
                .set_value(metric, *year, Some((*value, None)), by)
                .await?;
        }
    }
    if c.reviewed {
        store.organisations().mark_reviewed(id, by).await?;
    }
    Ok(())
}
