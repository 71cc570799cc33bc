use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partner")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub register: String,
    pub wksbm_id: String,
    pub padukuhan_id: String,
    pub kalurahan_code: String,
    pub kind: String,
    pub name: String,
    pub name_key: String,
    pub form: Option<String>,
    pub within_area: Option<bool>,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub services: String,
    pub capacity: Option<i64>,
    pub mou_number: Option<String>,
    pub mou_start: Option<Date>,
    pub mou_end: Option<Date>,
    pub notes: Option<String>,
    pub active: bool,
    #[sea_orm(column_name = "deactivation_reason")]
    pub status_reason: Option<String>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
