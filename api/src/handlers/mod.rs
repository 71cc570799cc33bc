//! One module per path noun, each with its own `configure`. Handlers wire: parse, call the domain and persistence,
//! convert to DTOs. They decide nothing.

pub mod audit;
pub mod auth;
pub mod buku_kas;
pub mod dana;
pub mod dasar_zakat;
pub mod donatur;
pub mod fallback;
pub mod health;
pub mod jimpitan;
pub mod katalog;
pub mod laporan;
pub mod metrics;
pub mod mitra;
pub mod padukuhan;
pub mod pengesahan;
pub mod pengurus;
pub mod penjualan_beras;
pub mod penyaluran;
pub mod ppks;
pub mod ppks_ekspor;
pub mod ppks_impor;
pub mod ppks_rights;
pub mod proposal;
pub mod psks;
pub mod rapat;
pub mod stempel;
pub mod tahapan;
pub mod transfer_dana;
pub mod usaha;
pub mod users;
pub mod wilayah;
pub mod wksbm;

/// Keeps ARCHITECTURE.md's claim true: no handler writes a territory condition.
#[cfg(test)]
mod territory_lint {
    /// Written territory conditions, as they read with all whitespace removed (rustfmt
    /// splits `actor\n.territory\n.contains(` over lines). Each is a comparison or a
    /// containment test of territories or region codes; the policy in `domain::access`
    /// (`may`, `may_in_wksbm`, `may_in_region`, `may_at_region`, `may_know_of`,
    /// `may_on_person`, `may_see_personal`) is where these belong. Not flagged, because
    /// they decide nothing: passing `&actor.territory` to a repository (the scope
    /// filter), building a `Territory::Wilayah(..)` to store or to ask the policy about,
    /// and reading `territory.wilayah()` for an audit row.
    const CONDITIONS: &[&str] = &[
        "territory.contains(",
        "territory().contains(",
        ".contains(&Territory::",
        ".contains(Territory::",
        ".is_within(",
        ".wilayah()==",
        ".wilayah()!=",
        ".padukuhan_id()==",
        ".padukuhan_id()!=",
        "territory==",
        "territory!=",
        "territory()==",
        "territory()!=",
        "==actor.territory",
        "!=actor.territory",
        "==&actor.territory",
        "!=&actor.territory",
        "==Territory::",
        "!=Territory::",
        "==&Territory::",
        "!=&Territory::",
    ];

    /// The conditions written in `source` outside its tests and comments.
    fn conditions(source: &str) -> Vec<&'static str> {
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        let flat: String = code
            .lines()
            .map(|l| l.split("//").next().unwrap_or_default())
            .flat_map(str::chars)
            .filter(|c| !c.is_whitespace())
            .collect();
        CONDITIONS
            .iter()
            .copied()
            .filter(|p| flat.contains(p))
            .collect()
    }

    #[test]
    fn the_patterns_catch_written_conditions_and_spare_policy_calls() {
        let written = "let visible = actor\n    .territory\n    .contains(&Territory::Wilayah(kal.clone()))\n    || actor.territory.wilayah() == &kal;";
        assert_eq!(
            conditions(written),
            vec![
                "territory.contains(",
                ".contains(&Territory::",
                ".wilayah()=="
            ]
        );
        assert!(!conditions(".filter(|(_, t)| actor.territory.contains(t));").is_empty());
        let wired = "decide(may_in_region(actor, Action::PadukuhanRead, &kal), || nf())?;\n\
            padukuhan_repo::list(&state.db, &actor.territory, &kal, page.after, page.limit());\n\
            territory: Territory::Wilayah(kode.clone()),\n\
            Entry::by(actor, \"ppks.list\", \"ppks\", actor.territory.wilayah().clone())\n\
            // a comment may say actor.territory.contains(t)\n\
            if (1..=3).contains(&v.len()) {}";
        assert!(conditions(wired).is_empty(), "{:?}", conditions(wired));
    }

    #[test]
    fn no_handler_or_guard_writes_a_territory_condition() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let rust_files = |dir: &str| -> Vec<std::path::PathBuf> {
            std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "rs"))
                .collect()
        };
        let mut files = rust_files("handlers");
        files.extend(rust_files("guards"));
        for helper in ["registers.rs", "ppks_draft.rs", "register_file.rs"] {
            files.push(root.join(helper));
        }
        assert!(files.len() > 30, "the handlers were found");
        let offenders: Vec<String> = files
            .iter()
            .filter_map(|f| {
                let found = conditions(&std::fs::read_to_string(f).unwrap());
                (!found.is_empty()).then(|| format!("{}: {found:?}", f.display()))
            })
            .collect();
        assert!(
            offenders.is_empty(),
            "territory conditions belong in domain::access (GUIDE.md section 3): {offenders:#?}"
        );
    }
}
