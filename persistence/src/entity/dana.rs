use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dana")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub wksbm_id: String,
    pub kind: String,
    pub name: String,
    pub purpose: Option<String>,
    pub donor_id: Option<String>,
    pub unit: String,
    pub balance: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The date of the fund's latest entry (`None` before its first).
    pub latest_date: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
