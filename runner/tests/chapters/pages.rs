//! A variant run in place in a kept host page must report exactly what it
//! reports in a page of its own: the same verdict, log and drawing of its
//! trace. The drawing, not the raw trace: threads print their events as they
//! happen, so lines from two workers may arrive in either order, and the
//! drawing is what puts them in their logical order (with the arguments the
//! chapter declares as varying shown as `…`).

use std::collections::BTreeMap;

use libtest_mimic::Failed;
use runner::report::SuiteReport;
use runner::trace::{draw, elide_varying, parse_trace};
use runner::workbook::Suite;

/// Fails, naming the variant and what differs, when `shared` (kept pages)
/// and `fresh` (a page per variant) differ for any variant of `chapter`.
pub fn same_in_shared_and_fresh_pages(
    chapter: &Suite,
    shared: &SuiteReport,
    fresh: &SuiteReport,
) -> Result<(), Failed> {
    let mut differences = Vec::new();
    for (kept, own) in shared.variants.iter().zip(&fresh.variants) {
        let varying = chapter
            .manifest
            .variants
            .iter()
            .find(|variant| variant.name.as_str() == kept.name)
            .map(|variant| variant.trace_varying.clone())
            .unwrap_or_default();
        let name = &kept.name;
        let verdicts = (format!("{:?}", kept.verdict), format!("{:?}", own.verdict));
        if verdicts.0 != verdicts.1 {
            differences.push(format!(
                "{name}: verdict in a kept page {}, in its own page {}",
                verdicts.0, verdicts.1
            ));
        }
        if kept.log != own.log {
            differences.push(format!(
                "{name}: log in a kept page:\n{}\nin its own page:\n{}",
                kept.log.as_deref().unwrap_or("(none)"),
                own.log.as_deref().unwrap_or("(none)")
            ));
        }
        let drawings = (
            drawing(&kept.trace, &varying)?,
            drawing(&own.trace, &varying)?,
        );
        if drawings.0 != drawings.1 {
            differences.push(format!(
                "{name}: drawing in a kept page:\n{}\nin its own page:\n{}",
                drawings.0, drawings.1
            ));
        }
    }
    if shared.variants.len() != fresh.variants.len() {
        differences.push("the two runs reported different variants".into());
    }
    if differences.is_empty() {
        Ok(())
    } else {
        Err(differences.join("\n\n").into())
    }
}

fn drawing(trace: &str, varying: &[String]) -> Result<String, Failed> {
    let mut events = parse_trace(trace)?;
    elide_varying(&mut events, varying);
    Ok(draw(&events, &BTreeMap::new()))
}
