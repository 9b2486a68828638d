//! One module per API family; each exposes `routes()`.

pub mod control;
pub mod zia;
mod zia_urls;
pub mod zidentity;
pub mod zpa;
pub mod zpa_model;
pub mod zpa_render;
