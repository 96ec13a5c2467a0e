pub mod continuity;
pub mod granted;
pub mod lead_times;
pub mod occupancy;
pub mod staffing;
