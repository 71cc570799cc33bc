use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "penyaluran")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub wksbm_id: String,
    pub name: String,
    pub tahap: i32,
    pub category: String,
    pub fund_id: String,
    pub planned_date: Date,
    pub status: String,
    pub waiting: i64,
    pub created_by: String,
    pub approved_by: Option<String>,
    pub rapat_id: Option<String>,
    pub decision_number: Option<i32>,
    #[sea_orm(column_name = "cancel_reason")]
    pub status_reason: Option<String>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
