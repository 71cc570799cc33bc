use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pengurus_seat")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub wksbm_id: String,
    pub position: String,
    pub holder_name: String,
    pub holder_key: String,
    pub term_start: Date,
    pub term_end: Date,
    pub sk_number: Option<String>,
    pub sk_date: Option<Date>,
    pub sk_signed_by: Option<String>,
    pub ended_at: Option<DateTimeUtc>,
    #[sea_orm(column_name = "end_reason")]
    pub status_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub account_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
