use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub username: String,
    pub password_hash: String,
    pub name: String,
    pub role: String,
    pub wilayah_code: String,
    pub padukuhan_id: Option<String>,
    pub wksbm_id: Option<String>,
    pub jabatan: Option<String>,
    pub personal_data_grant: bool,
    pub active: bool,
    pub deactivated_at: Option<DateTimeUtc>,
    #[sea_orm(column_name = "deactivation_reason")]
    pub status_reason: Option<String>,
    pub token_version: i64,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub password_reset_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
