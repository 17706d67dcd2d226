use super::*;

/// The definitions of DocFX's `MonikerRangeParserTest` (v3): products with an `Order`,
/// monikers of one order kept in the order given (`DOTNET-1.0` and `dotnet-2.0` have
/// order 0, `dotnet-3.0` order 1).
fn docfx_definitions() -> Definitions {
    let entries = |names: &[&str]| -> Vec<MonikerEntry> {
        names
            .iter()
            .map(|n| MonikerEntry {
                name: (*n).to_owned(),
                title: None,
            })
            .collect()
    };
    Definitions::new(&[
        (
            ".NET Framework".into(),
            entries(&["DOTNET-1.0", "dotnet-2.0", "dotnet-3.0"]),
        ),
        (
            ".NET Core".into(),
            entries(&["netcore-1.0", "netcore-2.0", "netcore-3.0"]),
        ),
        (
            "sql".into(),
            entries(&["azure-sqldw-latest", "azuresqldb-current"]),
        ),
    ])
    .expect("valid definitions")
}

/// The monikers a range gives, sorted as DocFX's test sorts them (ordinal).
fn evaluate(defs: &Definitions, text: &str) -> String {
    let range = parse(text).unwrap_or_else(|e| panic!("{text:?} does not parse: {e:?}"));
    let (versions, errors) = defs.evaluate(&range, text);
    assert!(errors.is_empty(), "{text:?}: {errors:?}");
    let names = defs.names(&versions);
    let mut names: Vec<&str> = names.split(' ').filter(|n| !n.is_empty()).collect();
    names.sort();
    names.join(" ")
}

// DocFX: MonikerRangeParserTest.TestEvaluateMonikerRange, every case.
#[test]
fn ranges_evaluate_to_docfx_sets() {
    let defs = docfx_definitions();
    let cases = [
        ("  ", ""),
        ("", ""),
        ("netcore-1.0 netcore-3.0", ""),
        (" netcore-1.0 ", "netcore-1.0"),
        ("netcore-1.0 || dotnet-3.0", "dotnet-3.0 netcore-1.0"),
        ("Netcore-1.0", "netcore-1.0"),
        ("dotnet-3.0 || netcore-1.0", "dotnet-3.0 netcore-1.0"),
        (">netcore-1.0<netcore-3.0", "netcore-2.0"),
        (">NETCORE-1.0 <NETcore-3.0", "netcore-2.0"),
        ("netcore-1.0<netcore-3.0", "netcore-1.0"),
        (
            ">= netcore-1.0 < netcore-2.0 || dotnet-3.0",
            "dotnet-3.0 netcore-1.0",
        ),
        (
            ">= netcore-2.0 || > dotnet-2.0",
            "dotnet-3.0 netcore-2.0 netcore-3.0",
        ),
        (">= netcore-2.0 > dotnet-2.0", ""),
        (
            "azuresqldb-current || azure-sqldw-latest",
            "azure-sqldw-latest azuresqldb-current",
        ),
    ];
    for (range, expected) in cases {
        assert_eq!(evaluate(&defs, range), expected, "range {range:?}");
    }
}

// DocFX: MonikerRangeParserTest.InvalidMonikerRange, every case (DocFX reports several
// messages for some; the first is the one it lists and the one given here).
#[test]
fn bad_ranges_give_docfx_messages_at_their_place() {
    let defs = docfx_definitions();
    let problem = |text: &str| -> RangeError {
        match parse(text) {
            Err(e) => e,
            Ok(range) => defs.evaluate(&range, text).1.remove(0),
        }
    };
    let cases = [
        (
            "netcore-xp",
            0,
            "Invalid moniker range: 'netcore-xp'. Moniker 'netcore-xp' is not defined.",
        ),
        (
            "netcore-1.0 < || netcore-2.0",
            14,
            "Invalid moniker range: Expect a moniker string, but got ' || netcore-2.0'.",
        ),
        (
            ">netcore&-1.0",
            8,
            "Invalid moniker range: Parse ends before reaching end of string, unrecognized string: '&-1.0'.",
        ),
        (
            ">=>netcore&-1.0",
            2,
            "Invalid moniker range: Expect a moniker string, but got '>netcore&-1.0'.",
        ),
        (
            ">netcore<-1.0",
            1,
            "Invalid moniker range: '>netcore<-1.0'. Moniker 'netcore' is not defined.",
        ),
        (
            ">netcore<-1.0 ||| >netcore-2.0",
            16,
            "Invalid moniker range: Expect a comparator set, but got '| >netcore-2.0'.",
        ),
        (
            ">netcore<-1.0 || ||",
            17,
            "Invalid moniker range: Expect a comparator set, but got ' ||'.",
        ),
        (
            ">netcore<-1.0 || <",
            18,
            "Invalid moniker range: Expect a moniker string, but got ''.",
        ),
    ];
    for (range, offset, message) in cases {
        let e = problem(range);
        assert_eq!(e.message, message, "range {range:?}");
        assert_eq!(e.offset, offset, "range {range:?}");
    }
}

// DocFX: MonikerRangeParserTest.TestNullDefinitionShouldFail.
#[test]
fn without_definitions_every_moniker_is_undefined() {
    let range = parse("netcore-1.0").expect("parses");
    let (versions, errors) = Definitions::default().evaluate(&range, "netcore-1.0");
    assert!(versions.is_empty());
    assert_eq!(
        errors[0].message,
        "Invalid moniker range: 'netcore-1.0'. Moniker 'netcore-1.0' is not defined."
    );
}

// The ranges of the Visual Studio documentation (vs2021 corpus), over its monikers.
#[test]
fn visual_studio_ranges() {
    let defs = Definitions::infer(["vs-2019", "vs-2015", "Vs-2017", "vs-2022", "vs-2017"]);
    assert_eq!(defs.names(&defs.all()), "vs-2015 vs-2017 vs-2019 vs-2022");
    for (range, expected) in [
        ("vs-2017", "vs-2017"),
        (">=vs-2019", "vs-2019 vs-2022"),
        (">= vs-2019", "vs-2019 vs-2022"),
        ("<=vs-2017", "vs-2015 vs-2017"),
        ("<= vs-2017", "vs-2015 vs-2017"),
        ("=vs-2017", "vs-2017"),
        ("Vs-2017", "vs-2017"),
        (">=vs-2022", "vs-2022"),
        (">= vs-2017", "vs-2017 vs-2019 vs-2022"),
    ] {
        let r = parse(range).expect("parses");
        assert_eq!(defs.names(&defs.evaluate(&r, range).0), expected, "{range}");
    }
}

#[test]
fn inference_groups_by_product_in_natural_order() {
    let defs = Definitions::infer([
        "aspnetcore-10.0",
        "aspnetcore-9.0",
        "aspnetcore-2.1",
        "sql-server-2019",
        "sql-server-2016",
        "azure",
    ]);
    let products: Vec<(&str, Vec<&str>)> = defs
        .products
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                defs.monikers[p.start..p.end]
                    .iter()
                    .map(|m| m.name.as_str())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        products,
        [
            (
                "aspnetcore",
                vec!["aspnetcore-2.1", "aspnetcore-9.0", "aspnetcore-10.0"]
            ),
            ("azure", vec!["azure"]),
            ("sql-server", vec!["sql-server-2016", "sql-server-2019"]),
        ]
    );
    assert_eq!(natural_cmp("v010", "v9"), Ordering::Greater);
    assert!(
        Definitions::new(&[(
            "p".into(),
            vec![
                MonikerEntry {
                    name: "A".into(),
                    title: None
                },
                MonikerEntry {
                    name: "a".into(),
                    title: None
                }
            ]
        )])
        .is_err()
    );
}

#[test]
fn a_ten_thousand_character_range_reads_in_linear_time_with_a_short_message() {
    let defs = Definitions::infer(["vs-2017", "vs-2019"]);
    let long = "vs-2017 || ".repeat(909) + "vs-2019";
    assert!(long.len() > 10_000);
    let r = parse(&long).expect("parses");
    assert_eq!(defs.names(&defs.evaluate(&r, &long).0), "vs-2017 vs-2019");
    let bad = format!("{long} &&");
    let e = parse(&bad).expect_err("does not parse");
    assert_eq!(e.offset, long.len() + 1);
    let undefined = "x".repeat(10_000);
    let r = parse(&undefined).expect("one name");
    let (_, errors) = defs.evaluate(&r, &undefined);
    assert!(errors[0].message.len() < 300, "{}", errors[0].message);
}

// DocFX: MonikerRangeTest.MonikerRangeTestGeneral, MonikerRangeTestInvalid (v2): the
// opening and closing lines, a missing closing quote, text after the range.
#[test]
fn moniker_lines() {
    assert_eq!(
        moniker_line("::: moniker range=\">= myproduct-4.1\""),
        Some(MonikerLine::Open {
            range: Some(">= myproduct-4.1".into()),
            range_offset: 19,
            problems: vec![]
        })
    );
    assert_eq!(
        moniker_line(":::moniker-end"),
        Some(MonikerLine::End { problems: vec![] })
    );
    assert_eq!(
        moniker_line("::::: Moniker  RANGE = \"vs-2017\"  ").map(|l| match l {
            MonikerLine::Open {
                range, problems, ..
            } => (range, problems.len()),
            MonikerLine::End { .. } => (None, 9),
        }),
        Some((Some("vs-2017".into()), 0))
    );
    let Some(MonikerLine::Open {
        range, problems, ..
    }) = moniker_line("::: moniker range=\"azure-rest-1.0")
    else {
        panic!("an opening line");
    };
    assert_eq!(range.as_deref(), Some("azure-rest-1.0"));
    assert_eq!(
        problems[0].message,
        "MonikerRange does not have ending character (\")."
    );
    assert_eq!(problems[0].offset, 18);
    let Some(MonikerLine::Open { problems, .. }) =
        moniker_line("::: moniker range=\"vs-2017\" more")
    else {
        panic!("an opening line");
    };
    assert_eq!(problems[0].offset, 28);
    assert!(
        problems[0]
            .message
            .starts_with("MonikerRange have some invalid chars in the starting")
    );
    let Some(MonikerLine::End { problems }) = moniker_line("::: moniker-end x") else {
        panic!("an end line");
    };
    assert_eq!(problems[0].offset, 16);
    let Some(MonikerLine::Open { range: None, .. }) = moniker_line("::: moniker") else {
        panic!("an opening line without a range");
    };
    // Not moniker lines: DocFX's "::: nested moniker zone is not allowed." and inline
    // colons stay text.
    assert_eq!(
        moniker_line("::: nested moniker zone is not allowed."),
        None
    );
    assert_eq!(
        moniker_line("Inline ::: should not end moniker zone."),
        None
    );
    assert_eq!(moniker_line(":: moniker range=\"a\""), None);
}

// DocFX: MonikerRangeTest.MonikerRangeTestNotClosed (v2): an unclosed block ends with
// its container, with DocFX's message.
#[test]
fn nesting_and_unclosed_blocks() {
    let mut t = MonikerTracker::default();
    let mut problems = Vec::new();
    assert_eq!(t.open(0, "start", None, &mut problems), MonikerStep::Open);
    assert_eq!(t.open(10, "x", None, &mut problems), MonikerStep::Drop);
    assert_eq!(t.end(20, &mut problems), MonikerStep::Drop);
    assert_eq!(t.end(30, &mut problems), MonikerStep::Close);
    assert_eq!(t.end(40, &mut problems), MonikerStep::Drop);
    assert_eq!(t.open(50, "start", None, &mut problems), MonikerStep::Open);
    assert_eq!(t.finish(&mut problems), MonikerStep::Close);
    assert_eq!(t.open(60, "y", Some(3), &mut problems), MonikerStep::Drop);
    let at: Vec<usize> = problems.iter().map(|p| p.offset).collect();
    assert_eq!(at, [10, 40, 50, 60]);
    assert!(problems[2].message.starts_with(
        "No \"::: moniker-end\" found for \"start\", MonikerRange does not end explicitly."
    ));
}

#[test]
fn block_html_is_escaped() {
    assert_eq!(
        open_html("vs-2017 vs-2019", "Visual Studio <2017>"),
        "<div class=\"moniker\" data-moniker=\"vs-2017 vs-2019\">\n<p class=\"moniker-title\" data-pagefind-ignore>Visual Studio &lt;2017&gt;</p>\n"
    );
    assert_eq!(CLOSE_HTML, "</div>\n");
}

#[test]
fn version_sets() {
    let mut a = Versions::default();
    a.insert(3);
    a.insert(130);
    assert!(a.contains(130) && !a.contains(2));
    assert_eq!(a.iter().collect::<Vec<_>>(), [3, 130]);
    let b = Versions::first(4);
    assert_eq!(a.and(&b).iter().collect::<Vec<_>>(), [3]);
    assert_eq!(a.or(&b).len(), 5);
    assert_eq!(b.without(&a).iter().collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(a.and(&Versions::default()), Versions::default());
    assert!(Versions::first(0).is_empty());
}
