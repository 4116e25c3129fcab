//! Production components: the Kanban board (drag and drop, keyboard moves, live updates),
//! the Gantt timeline, the utilisation grid and the bottleneck banner.
mod bottleneck;
mod board;
mod card;
mod dnd;
mod filters;
mod gantt;
mod gate_help;
mod live;
mod load_grid;
mod stepper;

pub use bottleneck::{BottleneckBanner, BottleneckTable};
pub use board::BoardView;
pub use gantt::Gantt;
pub use load_grid::LoadGrid;
pub use stepper::OrderProductionCard;
