//! One way to declare an enum that is written as a fixed string (on the wire, in the
//! database, in a token): [`str_enum!`](crate::str_enum) names each variant's string once
//! and generates the conversions both ways.

use std::fmt;

/// A string that names no variant of the enum `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownName {
    /// The enum's Rust name, e.g. `Role`.
    pub kind: &'static str,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a known {} name", self.kind)
    }
}

impl std::error::Error for UnknownName {}

/// Declares a fieldless enum whose variants are each written as one string, and
/// generates from that one list:
///
/// - `ALL`: every variant, in declaration order;
/// - `as_str(self)`: the variant's string;
/// - `parse(&str) -> Option<Self>`: the exact string only (what the wire and the
///   database hold), and `FromStr` with [`UnknownName`] as its error;
/// - `parse_lenient(&str)`: trimmed and ASCII case-insensitive, also accepting the
///   aliases listed after a variant's string (`Kabupaten = "kabupaten" | "kota"`), for
///   what people type into a file;
/// - `Display`, writing `as_str`.
///
/// Attributes (derives, `serde`, `utoipa`, docs) are passed through untouched, on the
/// enum and on each variant; the macro derives nothing itself. Where the enum derives
/// serde, its serde names must be the same strings: say so with `rename_all` or a
/// per-variant `rename`, and add the enum to the serde test at the end of this file.
///
/// ```
/// wksbm_domain::str_enum! {
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum Colour {
///         Merah = "merah" | "red",
///         Hijau = "hijau",
///     }
/// }
/// assert_eq!(Colour::parse("merah"), Some(Colour::Merah));
/// assert_eq!(Colour::parse("red"), None);
/// assert_eq!(Colour::parse_lenient(" Red "), Some(Colour::Merah));
/// assert_eq!(Colour::Hijau.to_string(), "hijau");
/// assert_eq!(Colour::ALL, [Colour::Merah, Colour::Hijau]);
/// ```
#[macro_export]
macro_rules! str_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $s:literal $(| $alias:literal)*
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; <[&str]>::len(&[$($s),+])] = [$($name::$variant),+];

            /// The variant as written on the wire and in the database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s,)+
                }
            }

            /// The variant written exactly as [`Self::as_str`] writes it.
            pub fn parse(s: &str) -> ::core::option::Option<$name> {
                match s {
                    $($s => ::core::option::Option::Some($name::$variant),)+
                    _ => ::core::option::Option::None,
                }
            }

            /// The variant as people type it: surrounding whitespace and ASCII case do
            /// not matter, and the aliases are accepted.
            pub fn parse_lenient(s: &str) -> ::core::option::Option<$name> {
                let s = s.trim().to_ascii_lowercase();
                $(
                    if s == $s $(|| s == $alias)* {
                        return ::core::option::Option::Some($name::$variant);
                    }
                )+
                ::core::option::Option::None
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::wire_enum::UnknownName;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                $name::parse(s).ok_or($crate::wire_enum::UnknownName {
                    kind: stringify!($name),
                })
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str($name::as_str(*self))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    crate::str_enum! {
        /// Documentation passes through.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Sample {
            Satu = "satu",
            /// A variant's own attributes pass through too.
            DuaKata = "dua_kata" | "dua" | "two",
            #[serde(rename = "tiga.titik")]
            Tiga = "tiga.titik",
        }
    }

    #[test]
    fn every_variant_round_trips() {
        assert_eq!(Sample::ALL.len(), 3);
        for v in Sample::ALL {
            assert_eq!(Sample::parse(v.as_str()), Some(v));
            assert_eq!(Sample::from_str(v.as_str()), Ok(v));
            assert_eq!(Sample::parse_lenient(v.as_str()), Some(v));
            assert_eq!(v.to_string(), v.as_str());
        }
        assert_eq!(Sample::DuaKata.as_str(), "dua_kata");
        assert_eq!(Sample::Tiga.as_str(), "tiga.titik");
    }

    #[test]
    fn unknown_strings_are_refused() {
        for s in ["", "empat", "Satu", " satu", "dua", "satu ", "tiga"] {
            assert_eq!(Sample::parse(s), None, "{s:?}");
            assert_eq!(
                Sample::from_str(s),
                Err(super::UnknownName { kind: "Sample" })
            );
        }
        assert_eq!(Sample::parse_lenient("empat"), None);
        assert_eq!(Sample::parse_lenient("du a"), None);
    }

    #[test]
    fn lenient_parsing_trims_folds_case_and_takes_aliases() {
        assert_eq!(Sample::parse_lenient(" SATU\t"), Some(Sample::Satu));
        assert_eq!(Sample::parse_lenient("Dua"), Some(Sample::DuaKata));
        assert_eq!(Sample::parse_lenient("TWO"), Some(Sample::DuaKata));
        assert_eq!(Sample::parse_lenient("Tiga.Titik"), Some(Sample::Tiga));
    }

    #[test]
    fn serde_names_are_the_same_strings() {
        all_match(&Sample::ALL, Sample::as_str);
    }

    /// Every `str_enum!` of this crate: each variant reads back from its string, and an
    /// unknown string is refused.
    #[test]
    fn every_domain_enum_round_trips() {
        use crate::{access, dana, formation, fundraising, jejaring, jimpitan, pengurus, rapat};
        use crate::{penyaluran, ppks, wilayah};
        macro_rules! check {
            ($($t:ty),+ $(,)?) => {$(
                for v in <$t>::ALL {
                    assert_eq!(<$t>::parse(v.as_str()), Some(v), "{}", v);
                    assert_eq!(<$t>::from_str(v.as_str()), Ok(v));
                    assert_eq!(v.to_string(), v.as_str());
                }
                assert_eq!(<$t>::parse("no_such_name"), None);
                assert_eq!(<$t>::parse(""), None);
                assert!(<$t>::from_str("no_such_name").is_err());
            )+};
        }
        check!(
            access::Role,
            access::Jabatan,
            access::Action,
            pengurus::Position,
            formation::Step,
            formation::Status,
            fundraising::ProposalStatus,
            jimpitan::Given,
            rapat::Outcome,
            dana::Unit,
            dana::FundKind,
            dana::Direction,
            dana::Method,
            dana::Category,
            jejaring::Register,
            penyaluran::RoundStatus,
            ppks::LawfulBasis,
            ppks::ConsentBy,
            ppks::InactiveReason,
            wilayah::Level,
        );
    }

    /// The enums whose serde names are their `str_enum!` strings (the others keep serde's
    /// default, the variant's Rust name, as they did before the macro).
    #[test]
    fn serde_names_match_where_serde_renames() {
        use crate::{access, formation, pengurus, ppks, rapat, wilayah};
        all_match(&access::Role::ALL, access::Role::as_str);
        all_match(&access::Jabatan::ALL, access::Jabatan::as_str);
        all_match(&pengurus::Position::ALL, pengurus::Position::as_str);
        all_match(&formation::Step::ALL, formation::Step::as_str);
        all_match(&formation::Status::ALL, formation::Status::as_str);
        all_match(&rapat::Outcome::ALL, rapat::Outcome::as_str);
        all_match(&ppks::LawfulBasis::ALL, ppks::LawfulBasis::as_str);
        all_match(&ppks::ConsentBy::ALL, ppks::ConsentBy::as_str);
        all_match(&ppks::InactiveReason::ALL, ppks::InactiveReason::as_str);
        all_match(&wilayah::Level::ALL, wilayah::Level::as_str);
    }

    fn all_match<T>(all: &[T], as_str: fn(T) -> &'static str)
    where
        T: Copy + PartialEq + std::fmt::Debug + serde::de::DeserializeOwned,
    {
        for v in all {
            assert_eq!(deserialize::<T>(as_str(*v)), Ok(*v), "{}", as_str(*v));
        }
    }

    /// Reads a string through a type's serde `Deserialize`.
    fn deserialize<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, String> {
        use serde::de::IntoDeserializer;
        let d: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            s.into_deserializer();
        T::deserialize(d).map_err(|e| e.to_string())
    }
}
