//! Operations made of several calls, kept apart from the generated ones
//! (as oxide.rs does with extension traits).

use crate::Error;

/// ZIA's URL lookup accepts at most this many URLs per call.
pub const URL_LOOKUP_BATCH: usize = 100;
/// ZIA rejects longer URLs; we refuse them before sending anything.
pub const MAX_URL_LEN: usize = 1024;

/// Check every URL before the first call, so a bad one in batch 7 does not
/// leave batches 1–6 done and the caller guessing.
pub fn check_urls(urls: &[String]) -> Result<(), Error> {
    for (i, url) in urls.iter().enumerate() {
        if url.trim().is_empty() {
            return Err(Error::invalid(format!("urls[{i}] is empty")));
        }
        if url.chars().count() > MAX_URL_LEN {
            return Err(Error::invalid(format!(
                "urls[{i}] is longer than {MAX_URL_LEN} characters"
            )));
        }
    }
    Ok(())
}

#[cfg(feature = "zia")]
impl crate::Zia {
    /// Whether this client made ZIA changes that are not activated yet.
    pub fn pending_changes(&self) -> bool {
        self.client.pending_changes(crate::Product::Zia)
    }

    /// Classify any number of URLs, in batches of [`URL_LOOKUP_BATCH`],
    /// results in input order.
    pub async fn lookup_urls(
        &self,
        urls: &[String],
    ) -> Result<Vec<crate::zia::types::UrlClassificationInfo>, Error> {
        check_urls(urls)?;
        let mut out = Vec::with_capacity(urls.len());
        for batch in urls.chunks(URL_LOOKUP_BATCH) {
            let params = crate::zia::UrlLookupParams {
                body: batch.to_vec(),
            };
            out.extend(self.url_lookup(&params).await?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_checked_before_sending() {
        assert!(check_urls(&["example.com".into()]).is_ok());
        let long = "a".repeat(MAX_URL_LEN + 1);
        let err = check_urls(&["ok.com".into(), long]).unwrap_err();
        assert_eq!(err.code(), "INVALID_ARGUMENT");
        assert!(err.to_string().contains("urls[1]"));
        assert!(check_urls(&[" ".into()]).is_err());
        assert!(check_urls(&["a".repeat(MAX_URL_LEN)]).is_ok());
    }
}
