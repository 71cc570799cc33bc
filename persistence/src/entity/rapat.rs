use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rapat")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub wksbm_id: String,
    pub date: Date,
    pub place: String,
    pub agenda: String,
    pub minutes: Option<String>,
    pub attendees: String,
    pub quorum_present: i32,
    pub board_size: i32,
    pub quorum_reached: bool,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
