//! Point search latency: p50, p99 and worst per query over what people type in a point picker
//! (codes, aliases, pinyin with and without tones, hanzi, English words, one- and two-letter
//! prefixes, with and without filters). Target: 1 ms per query. Run with
//! `cargo bench -p acuchart-core --bench point_search`.

#[path = "common/summary.rs"]
mod summary;

use std::time::{Duration, Instant};

use acuchart_core::points::{catalogue, search_points, BodyRegion, PointFilter};

const QUERIES: &[&str] = &[
    "ST36",
    "sj5",
    "EX-HN3",
    "BL",
    "z",
    "zu",
    "zusanli",
    "Zu San Li",
    "zú sān lǐ",
    "san",
    "足三里",
    "三里",
    "three miles",
    "crook",
    "middle of the crook",
    "q",
    "yin",
    "gate",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The first call parses the catalogue and builds the keys; report it apart.
    let started = Instant::now();
    catalogue()?;
    println!("catalogue load: {:?}", started.elapsed());

    let filters = [
        PointFilter::default(),
        PointFilter {
            channel: Some("UB".into()),
            region: Some(BodyRegion::LowerLimb),
        },
    ];
    let mut samples: Vec<Duration> = Vec::new();
    for _ in 0..200 {
        for filter in &filters {
            for q in QUERIES {
                let t = Instant::now();
                let found = search_points(q, filter, 50);
                samples.push(t.elapsed());
                std::hint::black_box(found);
            }
        }
    }
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!(
        "search_points over {} calls: p50 {:?}, p99 {:?}, max {:?} (target 1 ms)",
        samples.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    summary::record("point search", None, ms(at(0.5)), ms(at(0.99)), "≤ 1 ms");
    Ok(())
}
