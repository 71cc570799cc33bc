use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "zakat_basis")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub wksbm_id: String,
    pub kind: String,
    pub number: String,
    pub date: Date,
    pub issuer: String,
    pub recorded_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
