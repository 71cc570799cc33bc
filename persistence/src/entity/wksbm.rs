use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wksbm")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub padukuhan_id: String,
    pub kalurahan_code: String,
    pub name: String,
    pub address: Option<String>,
    pub contact_phone: Option<String>,
    pub status: String,
    pub status_reason: Option<String>,
    pub sk_number: Option<String>,
    pub sk_date: Option<Date>,
    pub sk_signed_by: Option<String>,
    pub legalised_by: Option<String>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
