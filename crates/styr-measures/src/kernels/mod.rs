pub mod continuity;
