//! The demo loaded into a fresh database shows what issue 4 promises: every ★ level in each
//! regional portal, certification at every stage, an owner one short checklist away from ★3,
//! and uploads that are real files, with officer lists kept private.

use hiroba_domain::certification::{Status, Step};
use hiroba_domain::disclosure::Requirement;
use hiroba_domain::documents::DocumentKind;
use hiroba_domain::organisations::OrganisationFilter;
use hiroba_domain::uploads;
use hiroba_files::{FileStore, LocalFiles};
use hiroba_store::Engine;
use hiroba_store::disclosure::today_in_japan;
use hiroba_store::organisations::{Organisation, OrganisationQuery};
use hiroba_store::paging::PageRequest;
use hiroba_testkit::TestDb;
use std::collections::{BTreeMap, HashMap};

async fn members(db: &TestDb, portal_id: Option<i64>) -> Vec<Organisation> {
    db.store
        .organisations()
        .list(&OrganisationQuery {
            portal_id,
            filter: OrganisationFilter::default(),
            page: PageRequest::Numbered {
                page: 1,
                per_page: 1_000,
            },
        })
        .await
        .unwrap()
        .items
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_loaded_demo_shows_every_level_and_stage() {
    let db = TestDb::fresh(Engine::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let files = LocalFiles::new(dir.path().join("files"));
    let data = hiroba_demo::generate(hiroba_demo::DEFAULT_SEED);
    let summary = hiroba_demo::load(&db.store, &files, &data).await.unwrap();
    assert_eq!(summary.organisations, data.organisations.len());
    let today = today_in_japan();
    let store = &db.store;

    // Each organisation reaches exactly the level its data was built for.
    let all = members(&db, None).await;
    let by_name: HashMap<&str, &Organisation> =
        all.iter().map(|o| (o.profile.name.as_str(), o)).collect();
    let id_of = |i: usize| by_name[data.organisations[i].profile.name.as_str()].id;
    let mut wrong = Vec::new();
    for o in &data.organisations {
        let stored = by_name[o.profile.name.as_str()];
        if stored.disclosure_level != o.level {
            let standing = store.standing(stored.id, today).await.unwrap();
            wrong.push(format!(
                "{} ★{} (meant ★{}): {:?}",
                o.profile.name,
                stored.disclosure_level,
                o.level,
                standing.assessment.to_do().first()
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");

    // Every level in each regional portal, in realistic proportions.
    for slug in ["okayama", "kyoto"] {
        let portal = summary.portals.iter().find(|(s, _)| s == slug).unwrap().1;
        let mut levels: BTreeMap<u8, usize> = BTreeMap::new();
        for o in members(&db, Some(portal)).await {
            *levels.entry(o.disclosure_level).or_default() += 1;
        }
        assert_eq!(
            levels.keys().copied().collect::<Vec<_>>(),
            vec![0, 1, 2, 3, 4, 5],
            "{slug}: {levels:?}"
        );
        assert!(
            levels[&1] + levels[&2] > levels[&4] + levels[&5],
            "{slug}: {levels:?}"
        );
    }

    // Certification at every stage, and the history keeps what ended.
    let steps: Vec<Step> = all.iter().filter_map(|o| o.certification).collect();
    for step in Step::ALL {
        assert!(steps.contains(&step), "someone holds {step:?}");
    }
    let mut ended = Vec::new();
    for c in &data.certifications {
        for r in store
            .certifications()
            .history(id_of(c.organisation))
            .await
            .unwrap()
        {
            ended.push(r.status);
        }
    }
    assert!(ended.contains(&Status::Expired), "a lapsed STEP2");
    assert!(ended.contains(&Status::Revoked), "a revoked STEP2");

    // The operators have work waiting, including a renewal.
    let okayama = summary.portals[0].1;
    let queue = store.certifications().queue(okayama, today).await.unwrap();
    assert!(!queue.is_empty());
    assert!(
        queue.iter().any(|q| q.expires_on.is_some()),
        "a STEP2 close to its end is in the renewal queue"
    );
    let kyoto = summary.portals[1].1;
    assert!(
        !store
            .certifications()
            .queue(kyoto, today)
            .await
            .unwrap()
            .is_empty()
    );

    // The demo owner is at ★2 with a short checklist for ★3.
    let owner = data
        .accounts
        .iter()
        .find(|a| a.email == "owner@demo.hiroba.example")
        .unwrap();
    let owned = id_of(owner.organisations[0].0);
    let standing = store.standing(owned, today).await.unwrap();
    assert_eq!(standing.assessment.level, 2);
    let missing: Vec<&Requirement> = standing
        .assessment
        .missing_for_next()
        .into_iter()
        .map(|i| &i.requirement)
        .collect();
    assert!(missing.len() <= 3, "{missing:?}");
    assert!(missing.contains(&&Requirement::Figures), "{missing:?}");
    let reports = store.reports().list(owned).await.unwrap();
    assert!(
        !reports.is_empty(),
        "last year's figures are there to build on"
    );

    // Uploads are real files; officer lists are never public.
    let mut officer_lists = 0;
    let mut checked = 0;
    for o in data
        .organisations
        .iter()
        .filter(|o| !o.content.documents.is_empty())
    {
        let id = id_of(
            data.organisations
                .iter()
                .position(|x| x.profile.name == o.profile.name)
                .unwrap(),
        );
        let public = store.documents().list(id, false).await.unwrap();
        for d in store.documents().list(id, true).await.unwrap() {
            let private = d.kind == DocumentKind::OfficerList;
            assert_eq!(d.public, !private, "{:?}", d.kind);
            assert_eq!(public.iter().any(|p| p.id == d.id), !private);
            officer_lists += usize::from(private);
            if checked < 20 {
                let bytes = files.get(&d.storage_key).await.unwrap().unwrap();
                assert_eq!(bytes.len() as u64, d.size);
                assert!(uploads::check(&bytes, &uploads::DOCUMENT).is_ok());
                checked += 1;
            }
        }
    }
    assert!(officer_lists > 0);
    let logos: Vec<&Organisation> = all.iter().filter(|o| o.logo_key.is_some()).collect();
    assert!(!logos.is_empty() && all.iter().any(|o| o.logo_none));
    let logo = files
        .get(logos[0].logo_key.as_deref().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(uploads::check(&logo, &uploads::LOGO).is_ok());
}
