//! `acuchart-cli points …`: the built-in point catalogue. No database, no sign-in.

use acuchart_core::points::{
    channel_name, resolve_channel, resolve_code, search_points, BodyRegion, Point, PointFilter,
};
use acuchart_core::{Error, Result};

use crate::args::{Cli, PointsCommand};
use crate::output::print_json;

pub fn run(cli: &Cli, cmd: &PointsCommand) -> Result<()> {
    match cmd {
        PointsCommand::Search {
            query,
            channel,
            region,
            limit,
        } => {
            let filter = PointFilter {
                // Checked here so that a typo is an error, not an empty result.
                channel: channel
                    .as_deref()
                    .map(resolve_channel)
                    .transpose()?
                    .map(str::to_owned),
                region: region.as_deref().map(parse_region).transpose()?,
            };
            let found = search_points(query, &filter, *limit as usize);
            if cli.json {
                return print_json(&found);
            }
            for p in &found {
                out!("{}", point_line(p));
            }
            if found.is_empty() {
                out!("No point matches {query:?}.");
            }
            Ok(())
        }
        PointsCommand::Show { code } => {
            let p = resolve_code(code)?;
            if cli.json {
                return print_json(p);
            }
            out!("{}  {} {}  {}", p.code, p.pinyin, p.hanzi, p.english);
            let channel = channel_name(&p.channel).unwrap_or(p.channel.as_str());
            out!(
                "  {:<9} {channel} ({}, number {})",
                "channel",
                p.channel,
                p.number
            );
            out!("  {:<9} {}", "region", p.region.as_str());
            out!("  {:<9} {}", "cautions", cautions(p));
            if !p.cautions.is_empty() {
                out!("  (general guidance, not clinical advice)");
            }
            Ok(())
        }
    }
}

fn parse_region(text: &str) -> Result<BodyRegion> {
    BodyRegion::parse(text.trim()).ok_or_else(|| {
        let all: Vec<&str> = BodyRegion::ALL.iter().map(|r| r.as_str()).collect();
        Error::invalid(
            "region",
            format!("{text:?} is not a body region: use {}.", all.join(", ")),
        )
    })
}

fn cautions(p: &Point) -> String {
    if p.cautions.is_empty() {
        return "none".to_owned();
    }
    p.cautions
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn point_line(p: &Point) -> String {
    let flags = if p.cautions.is_empty() {
        String::new()
    } else {
        format!("  ! {}", cautions(p))
    };
    format!(
        "{:<8} {:<14} {}  {}  [{}]{flags}",
        p.code,
        p.pinyin,
        p.hanzi,
        p.english,
        p.region.as_str()
    )
}
