// An in-memory DIE tree: a NodeSource for unit tests of what reads DIEs (the
// renderer, the FQN pass, the kABI checks) without a compiled object.
//
// USAGE
//   DieTree tree;
//   const DieOffset unit = tree.Unit();                  // a C11 unit
//   const DieOffset i = tree.Add(unit, DW_TAG_base_type)
//                           .Name("int").Set(DieNode::Attr::kByteSize, 4).offset();
//   const DieOffset f = tree.Add(unit, DW_TAG_subprogram).Name("f").Type(i).offset();
//
// Offsets are handed out in creation order (children after their parent, as
// in DWARF). Source files (DW_AT_decl_file) index the unit's file list.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kcrc/base/error.h"
#include "kcrc/dwarf/node_source.h"

namespace kcrc::testing_support {

class DieTree : public NodeSource {
 public:
  DieTree() : NodeSource("tree.o") {}

  class Builder {
   public:
    Builder(DieTree& tree, DieOffset offset) : tree_(tree), offset_(offset) {}
    DieOffset offset() const { return offset_; }
    operator DieOffset() const { return offset_; }  // NOLINT: a builder is its DIE
    Builder& Name(std::string_view name) {
      Literal().name = tree_.Keep(name);
      return *this;
    }
    Builder& LinkageName(std::string_view name) {
      Literal().linkage_name = tree_.Keep(name);
      return *this;
    }
    Builder& Type(DieOffset type) {
      Literal().type = type;
      return *this;
    }
    Builder& AbstractOrigin(DieOffset origin) {
      Literal().abstract_origin = origin;
      return *this;
    }
    Builder& Declaration() {
      Literal().declaration = true;
      return *this;
    }
    Builder& Set(DieNode::Attr attr, uint64_t value) {
      Literal().Set(attr, value);
      return *this;
    }

   private:
    DieNode& Literal() { return tree_.dies_.at(offset_).node; }
    DieTree& tree_;
    DieOffset offset_;
  };

  // A new unit DIE; `files` is its line table's file list (index 0 first).
  DieOffset Unit(int language = DW_LANG_C11,
                 std::vector<std::string> files = {"t.c", "t.c", "t.h"}) {
    const DieOffset offset = NewOffset();
    Entry& entry = dies_[offset];
    entry.node.offset = offset;
    entry.node.tag = DW_TAG_compile_unit;
    entry.unit = offset;
    units_.push_back({offset, 5, language});
    files_[offset] = std::move(files);
    return offset;
  }

  // A new DIE, the last child of `parent`.
  Builder Add(DieOffset parent, int tag) {
    const DieOffset offset = NewOffset();
    Entry& entry = dies_[offset];
    entry.node.offset = offset;
    entry.node.tag = tag;
    Entry& up = dies_.at(parent);
    entry.unit = up.unit;
    up.node.has_children = true;
    up.children.push_back(offset);
    return Builder(*this, offset);
  }

  const UnitInfo& unit(size_t index = 0) const { return units_.at(index); }

  std::string_view SourceFileName(const DieNode& node, uint64_t file_index) override {
    const std::vector<std::string>& files = files_.at(dies_.at(node.offset).unit);
    if (file_index >= files.size())
      Fail(At(node.offset), "dwarf_filesrc failed: DW_AT_decl_file {} is not in the line table",
           file_index);
    return files[file_index];
  }

 protected:
  const DieNode& ReadNode(DieOffset offset) override {
    auto it = dies_.find(offset);
    if (it == dies_.end()) Fail(At(offset), "invalid DIE offset: no such DIE");
    return Copy(it->second.node);
  }

  std::span<const DieNode* const> ReadChildren(DieOffset offset) override {
    std::vector<const DieNode*>& children = ChildrenScratch();
    for (DieOffset child : dies_.at(offset).children) {
      const DieNode* known = Known(child);
      children.push_back(known ? known : &Copy(dies_.at(child).node));
    }
    return StoreChildren(offset, children);
  }

  void WalkUnitRaw(const UnitInfo& unit, RawVisitor visit, void* context,
                   bool skip_bodies) override {
    Walk(unit.die, 0, visit, context, skip_bodies);
  }

 private:
  struct Entry {
    DieNode node;
    DieOffset unit = 0;
    std::vector<DieOffset> children;
  };

  DieOffset NewOffset() {
    next_ += 8;
    return next_;
  }

  std::string_view Keep(std::string_view text) { return strings_.emplace_back(text); }

  const DieNode& Copy(const DieNode& literal) {
    DieNode& node = NewNode(literal.offset);
    const uint32_t id = node.id;
    node = literal;
    node.id = id;
    return CommitNode();
  }

  void Walk(DieOffset offset, int depth, RawVisitor visit, void* context, bool skip_bodies) {
    const Entry& entry = dies_.at(offset);
    const bool descend =
        !entry.children.empty() && !(skip_bodies && entry.node.tag == DW_TAG_subprogram);
    // Names are kept in strings_: NUL-terminated.
    visit(context, offset, entry.node.tag, entry.node.name ? entry.node.name->data() : nullptr,
          descend, depth);
    if (!descend) return;
    for (DieOffset child : entry.children) Walk(child, depth + 1, visit, context, skip_bodies);
  }

  std::map<DieOffset, Entry> dies_;
  std::vector<UnitInfo> units_;
  std::map<DieOffset, std::vector<std::string>> files_;
  std::deque<std::string> strings_;
  DieOffset next_ = 0;
};

}  // namespace kcrc::testing_support
