//! Deterministic stand-in for ZIA's URL categorisation.
//!
//! A small keyword table is enough for demos and tests: results must be
//! stable and cover both the plain and the security-alert outputs.
//!
//! This module owns the classification table only; it may not touch the
//! store.

use serde_json::{json, Value};

/// (keyword in host, category) for ordinary categories; first match wins.
const CATEGORIES: &[(&str, &str)] = &[
    ("google.", "WEB_SEARCH"),
    ("bing.", "WEB_SEARCH"),
    ("duckduckgo.", "WEB_SEARCH"),
    ("facebook.", "SOCIAL_NETWORKING"),
    ("linkedin.", "PROFESSIONAL_SERVICES"),
    ("twitter.", "SOCIAL_NETWORKING"),
    ("x.com", "SOCIAL_NETWORKING"),
    ("youtube.", "STREAMING_MEDIA"),
    ("netflix.", "STREAMING_MEDIA"),
    ("github.", "PROFESSIONAL_SERVICES"),
    ("gitlab.", "PROFESSIONAL_SERVICES"),
    ("zscaler.", "CORPORATE_MARKETING"),
    ("salesforce.", "BUSINESS_APPLICATIONS"),
    ("office.com", "BUSINESS_APPLICATIONS"),
    ("microsoft.", "CORPORATE_MARKETING"),
    ("wikipedia.", "REFERENCE_SITES"),
    ("cnn.", "NEWS_AND_MEDIA"),
    ("bbc.", "NEWS_AND_MEDIA"),
    ("amazon.", "ONLINE_SHOPPING"),
    ("ebay.", "ONLINE_SHOPPING"),
    ("bank", "FINANCE"),
    ("casino", "GAMBLING"),
    ("poker", "GAMBLING"),
    ("example.", "MISCELLANEOUS_OR_UNKNOWN"),
];

/// (keyword, security alert) for hosts that should trip a security verdict.
const ALERTS: &[(&str, &str)] = &[
    ("malware", "MALWARE_SITE"),
    ("phish", "PHISHING"),
    ("botnet", "BOTNET"),
    ("cryptomine", "CRYPTOMINING"),
];

/// Classifies one URL into the `UrlClassificationInfo` shape.
pub fn classify(url: &str) -> Value {
    let host = host_of(url);
    let alerts: Vec<&str> = ALERTS
        .iter()
        .filter(|(k, _)| host.contains(k))
        .map(|(_, c)| *c)
        .collect();
    let category = CATEGORIES
        .iter()
        .find(|(k, _)| host.contains(k))
        .map(|(_, c)| *c)
        .unwrap_or(if alerts.is_empty() {
            "MISCELLANEOUS_OR_UNKNOWN"
        } else {
            "OTHER_SECURITY"
        });
    json!({
        "url": url,
        "urlClassifications": [category],
        "urlClassificationsWithSecurityAlert": alerts,
    })
}

/// Lower-cased host part of a URL given with or without a scheme.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    rest[..end].to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies() {
        let v = classify("https://www.google.com/search?q=x");
        assert_eq!(v["urlClassifications"][0], "WEB_SEARCH");
        assert_eq!(v["urlClassificationsWithSecurityAlert"], json!([]));
        let v = classify("malware.testing.example");
        assert_eq!(v["urlClassificationsWithSecurityAlert"][0], "MALWARE_SITE");
        let v = classify("unknown.invalid");
        assert_eq!(v["urlClassifications"][0], "MISCELLANEOUS_OR_UNKNOWN");
    }
}
